import { isTemplatePurpose, type StarterTemplate, type TemplatePurpose } from '../../domain/reply-templates.js';
import { newId } from '../../shared/ids.js';
import type { HavenDb } from '../connection.js';
import { toDate, toDateOrNull } from '../schema.js';
import { storedValue } from './stored-value.js';

/** A reply template as the services see it. */
export interface ReplyTemplate {
  id: string;
  deskId: string;
  name: string;
  language: string;
  purpose: TemplatePurpose;
  body: string;
  updatedAt: Date;
  retiredAt: Date | null;
}

const COLUMNS = ['id', 'desk_id', 'name', 'language', 'purpose', 'body', 'updated_at', 'retired_at'] as const;

function toTemplate(r: {
  id: string; desk_id: string; name: string; language: string; purpose: string; body: string;
  updated_at: string | Date; retired_at: string | Date | null;
}): ReplyTemplate {
  return {
    id: r.id, deskId: r.desk_id, name: r.name, language: r.language, body: r.body,
    purpose: storedValue(r.purpose, isTemplatePurpose, 'reply_templates.purpose'),
    updatedAt: toDate(r.updated_at), retiredAt: toDateOrNull(r.retired_at),
  };
}

/** The templates of these desks by name; retired ones only when asked for. */
export async function listTemplates(db: HavenDb, deskIds: readonly string[], withRetired: boolean): Promise<ReplyTemplate[]> {
  if (deskIds.length === 0) return [];
  let query = db.selectFrom('reply_templates').select(COLUMNS).where('desk_id', 'in', deskIds);
  if (!withRetired) query = query.where('retired_at', 'is', null);
  const rows = await query.orderBy('name').orderBy('id').execute();
  return rows.map(toTemplate);
}

/** One template by id, or null. */
export async function findTemplate(db: HavenDb, id: string): Promise<ReplyTemplate | null> {
  const row = await db.selectFrom('reply_templates').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : toTemplate(row);
}

/** The fields an admin writes. */
export interface TemplateFields { name: string; language: string; purpose: TemplatePurpose; body: string }

/** Adds a template to a desk. */
export async function insertTemplate(db: HavenDb, t: TemplateFields & { id: string; deskId: string; by: string | null; at: Date }): Promise<void> {
  await db.insertInto('reply_templates').values({
    id: t.id, desk_id: t.deskId, name: t.name, language: t.language, purpose: t.purpose, body: t.body,
    created_at: t.at.toISOString(), updated_at: t.at.toISOString(), updated_by: t.by, retired_at: null,
  }).execute();
}

/** Rewrites a template's fields. */
export async function updateTemplate(db: HavenDb, id: string, t: TemplateFields & { by: string; at: Date }): Promise<void> {
  await db.updateTable('reply_templates')
    .set({ name: t.name, language: t.language, purpose: t.purpose, body: t.body, updated_at: t.at.toISOString(), updated_by: t.by })
    .where('id', '=', id).execute();
}

/** Retires a template: it leaves the composer but stays for the messages that started from it. */
export async function retireTemplate(db: HavenDb, id: string, input: { by: string; at: Date }): Promise<void> {
  await db.updateTable('reply_templates')
    .set({ retired_at: input.at.toISOString(), updated_at: input.at.toISOString(), updated_by: input.by })
    .where('id', '=', id).execute();
}

/** Gives a new desk the templates every desk starts with. */
export async function insertStarterTemplates(db: HavenDb, deskId: string, starters: readonly StarterTemplate[], at: Date): Promise<void> {
  if (starters.length === 0) return;
  await db.insertInto('reply_templates').values(starters.map((t) => ({
    id: newId(at.getTime()), desk_id: deskId, name: t.name, language: 'en', purpose: t.purpose, body: t.body,
    created_at: at.toISOString(), updated_at: at.toISOString(), updated_by: null, retired_at: null,
  }))).execute();
}
