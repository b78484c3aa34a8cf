import { desksOf, roleOn, type Actor } from '../domain/access-policy.js';
import { mayBeOnDuty, onDutyNow, type Availability } from '../domain/emergency.js';
import { listDesks } from '../db/repositories/desks.js';
import { listDeskMembers, listRota, readEmergencySettings } from '../db/repositories/emergency.js';
import type { ServiceContext } from './context.js';

export interface DeskDuty {
  desk: { slug: string; name: string };
  onDuty: string[];
  me: { availability: Availability; eligible: boolean };
}

/** Who is on duty now on each desk where the viewer holds a role, and the viewer's own word there. */
export async function viewDuty(ctx: ServiceContext, actor: Actor): Promise<DeskDuty[]> {
  const now = ctx.now();
  const deskIds = desksOf(actor);
  const desks = (await listDesks(ctx.db)).filter((d) => deskIds.includes(d.id));
  const [settings, members, rota] = [
    await readEmergencySettings(ctx.db, deskIds), await listDeskMembers(ctx.db, deskIds), await listRota(ctx.db, deskIds),
  ];
  return desks.map((desk) => {
    const anyRole = settings.get(desk.id)?.anyRoleOnDuty ?? false;
    const deskMembers = members.get(desk.id) ?? [];
    const onDuty = new Set(onDutyNow(deskMembers, rota.get(desk.id) ?? [], anyRole, now));
    const mine = deskMembers.find((m) => m.id === actor.id);
    const role = roleOn(actor, desk.id);
    return {
      desk: { slug: desk.slug, name: desk.name },
      onDuty: deskMembers.filter((m) => onDuty.has(m.id)).map((m) => m.username),
      me: { availability: mine?.availability ?? 'rota', eligible: role !== null && mayBeOnDuty(role, anyRole) },
    };
  });
}
