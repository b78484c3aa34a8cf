import { auditChain } from './audit-chain.js';
import { openBound, sealBound } from './security/contact-seal.js';
import { newId } from '../shared/ids.js';
import { canOnDesk, type Actor } from '../domain/access-policy.js';
import { isRotaSlot } from '../domain/emergency.js';
import { findDeskBySlug, type DeskRow } from '../db/repositories/desks.js';
import { listDeskMembers, listRota, readEmergencySettings, replaceRota, saveEmergencySettings } from '../db/repositories/emergency.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import type { HavenDb } from '../db/connection.js';
import { AppError } from './errors.js';
import { SEALED, type ServiceContext } from './context.js';

export interface EmergencySettingsInput {
  contactEmail: string | null; fallbackEmail: string | null; forwardAfterMinutes: number; fallbackAfterMinutes: number;
  anyRoleOnDuty: boolean; rota: { username: string; weekday: number; start: string; end: string }[];
}

export interface EmergencySettingsView extends EmergencySettingsInput {
  desk: { slug: string; name: string };
  members: { username: string; role: string }[];
}

const toMinute = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toHhmm = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** The desk, when the actor administers it; another desk is not found, a desk where they hold another role forbidden. */
async function adminDesk(db: HavenDb, actor: Actor, slug: string): Promise<DeskRow> {
  const desk = await findDeskBySlug(db, slug);
  if (desk === null || !canOnDesk(actor, 'desk.read', desk.id)) throw new AppError('not_found', 'There is no such desk, or you do not work on it.');
  if (!canOnDesk(actor, 'desk.administer', desk.id)) throw new AppError('forbidden', 'Only the desk\'s admins can change its emergency settings.');
  return desk;
}

async function readView(ctx: ServiceContext, db: HavenDb, desk: DeskRow): Promise<EmergencySettingsView> {
  const settings = (await readEmergencySettings(db, [desk.id])).get(desk.id);
  const rota = (await listRota(db, [desk.id])).get(desk.id) ?? [];
  const members = (await listDeskMembers(db, [desk.id])).get(desk.id) ?? [];
  return {
    desk: { slug: desk.slug, name: desk.name },
    contactEmail: settings?.contactEmailEnc == null ? null : openBound(ctx.cipher, settings.contactEmailEnc, SEALED.emergencyContact, desk.id),
    fallbackEmail: settings?.fallbackEmailEnc == null ? null : openBound(ctx.cipher, settings.fallbackEmailEnc, SEALED.emergencyFallback, desk.id),
    forwardAfterMinutes: settings?.forwardAfterMinutes ?? 15, fallbackAfterMinutes: settings?.fallbackAfterMinutes ?? 60,
    anyRoleOnDuty: settings?.anyRoleOnDuty ?? false,
    rota: rota.map((s) => ({ username: s.username, weekday: s.weekday, start: toHhmm(s.startMinute), end: toHhmm(s.endMinute) })),
    members: members.map((m) => ({ username: m.username, role: m.role })),
  };
}

/** A desk's emergency settings, for its admins. */
export async function viewEmergencySettings(ctx: ServiceContext, actor: Actor, deskSlug: string): Promise<EmergencySettingsView> {
  const desk = await adminDesk(ctx.db, actor, deskSlug);
  return readView(ctx, ctx.db, desk);
}

/**
 * A desk's admin sets its emergency and fallback contacts (sealed at rest), the two waiting
 * times, who may be on duty and the weekly rota, all at once. A rota naming someone who holds no
 * role on the desk is refused on that line's field, and nothing changes. Audited (without the
 * addresses).
 */
export async function changeEmergencySettings(ctx: ServiceContext, actor: Actor, deskSlug: string, input: EmergencySettingsInput): Promise<EmergencySettingsView> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const desk = await adminDesk(trx, actor, deskSlug);
    const members = (await listDeskMembers(trx, [desk.id])).get(desk.id) ?? [];
    const problems: { path: string; message: string }[] = [];
    const slots = input.rota.flatMap((slot, i) => {
      const member = members.find((m) => m.username === slot.username);
      const shaped = { weekday: slot.weekday, startMinute: toMinute(slot.start), endMinute: toMinute(slot.end) };
      if (member === undefined) problems.push({ path: `rota.${i}.username`, message: 'Not a member of this desk.' });
      else if (!isRotaSlot(shaped)) problems.push({ path: `rota.${i}.end`, message: 'A slot ends after it starts, within one day.' });
      return member === undefined ? [] : [{ id: newId(now.getTime()), staffId: member.id, ...shaped }];
    });
    if (problems.length > 0) throw new AppError('validation_failed', 'The rota names someone who is not on this desk, or a slot that is not a time span.', problems);
    await saveEmergencySettings(trx, {
      deskId: desk.id,
      contactEmailEnc: input.contactEmail === null ? null : sealBound(ctx.cipher, input.contactEmail, SEALED.emergencyContact, desk.id),
      fallbackEmailEnc: input.fallbackEmail === null ? null : sealBound(ctx.cipher, input.fallbackEmail, SEALED.emergencyFallback, desk.id),
      forwardAfterMinutes: input.forwardAfterMinutes, fallbackAfterMinutes: input.fallbackAfterMinutes, anyRoleOnDuty: input.anyRoleOnDuty,
      at: now, by: actor.id,
    });
    await replaceRota(trx, desk.id, slots);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'desk.emergency_settings_changed', caseId: null,
      detail: {
        deskId: desk.id, contact: input.contactEmail !== null, fallback: input.fallbackEmail !== null, forwardAfterMinutes: input.forwardAfterMinutes,
        fallbackAfterMinutes: input.fallbackAfterMinutes, anyRoleOnDuty: input.anyRoleOnDuty, rotaSlots: slots.length,
      },
    });
    return readView(ctx, trx, desk);
  });
}
