import type { DatabaseHandle } from '../../src/db/connection.js';
import { openAccountName } from '../../src/services/party-details.js';
import type { FieldCipher } from '../../src/services/security/field-cipher.js';
import { hashAccessCode } from '../../src/services/security/access-code.js';
import type { CheckList } from './harness/checks.js';
import type { SentReport } from './intake-load.js';

interface StoredCase {
  id: string; reference: string; text: string; category: string; danger: boolean; language: string; role: string;
  reported: string[]; target: string | null; sealedNames: boolean; links: string[]; accessHashes: string[]; hasContact: boolean;
  events: number; audits: number;
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [row]);
    else list.push(row);
  }
  return groups;
}

/** Reads every case with the parts intake writes, straight from the database; `cipher` opens the sealed account names. */
export async function loadStoredCases(handle: DatabaseHandle, cipher: FieldCipher): Promise<StoredCase[]> {
  const { db } = handle;
  const cases = await db.selectFrom('cases')
    .select(['id', 'reference', 'report_text', 'category', 'immediate_danger', 'language', 'reporter_role']).execute();
  const parties = groupBy(await db.selectFrom('case_parties').select(['id', 'case_id', 'role', 'username', 'username_enc', 'contact_email_enc']).execute(), (r) => r.case_id);
  const evidence = groupBy(await db.selectFrom('evidence').select(['case_id', 'url']).execute(), (r) => r.case_id);
  const access = groupBy(await db.selectFrom('reporter_access').select(['case_id', 'code_hash']).execute(), (r) => r.case_id);
  const events = groupBy(await db.selectFrom('case_events').select(['case_id']).where('type', '=', 'report_received').execute(), (r) => r.case_id);
  const audits = groupBy(await db.selectFrom('audit_log').select(['case_id']).where('action', '=', 'case.reported').execute(), (r) => r.case_id ?? '');
  return cases.map((c) => {
    const ps = (parties.get(c.id) ?? []).map((p) => ({ ...p, name: openAccountName(cipher, { id: p.id, clearAccountName: p.username, usernameEnc: p.username_enc }) }));
    return {
      id: c.id, reference: c.reference, text: c.report_text, category: c.category, danger: c.immediate_danger === 1,
      language: c.language, role: c.reporter_role,
      reported: ps.filter((p) => p.role === 'reported').map((p) => p.name ?? '').sort(),
      // The target's name (or the reporter's own, when they are the target) is sealed, and only theirs.
      target: ps.find((p) => p.role === 'target' || (p.role === 'reporter' && p.name !== null))?.name ?? null,
      sealedNames: ps.every((p) => (p.role === 'reported' ? p.username_enc === null : p.username === null)),
      links: (evidence.get(c.id) ?? []).map((e) => e.url).sort(),
      accessHashes: (access.get(c.id) ?? []).map((a) => a.code_hash),
      hasContact: ps.some((p) => p.role === 'reporter' && p.contact_email_enc !== null),
      events: (events.get(c.id) ?? []).length,
      audits: (audits.get(c.id) ?? []).length,
    };
  });
}

/** How a stored case differs from what was sent; empty when intact. */
function differences(sent: SentReport, stored: StoredCase): string[] {
  const i = sent.input;
  const diffs: string[] = [];
  if (stored.text !== i.description) diffs.push('description');
  if (stored.category !== i.category) diffs.push('category');
  if (stored.danger !== i.immediateDanger) diffs.push('immediate danger');
  if (stored.language !== i.language) diffs.push('language');
  if (stored.role !== i.reporterRole) diffs.push('reporter role');
  if (JSON.stringify(stored.reported) !== JSON.stringify([...i.reportedAccounts].sort())) diffs.push('reported accounts');
  if ((i.targetAccount ?? null) !== stored.target) diffs.push('target account');
  if (!stored.sealedNames) diffs.push('account name not stored as its role asks (sealed unless reported)');
  if (JSON.stringify(stored.links) !== JSON.stringify([...i.links].sort())) diffs.push('links');
  if (stored.hasContact !== (i.contactEmail !== undefined)) diffs.push('contact address');
  if (sent.reference !== undefined && stored.reference !== sent.reference) diffs.push('reference');
  if (sent.accessCode !== undefined && !stored.accessHashes.includes(hashAccessCode(sent.accessCode))) diffs.push('access code');
  if (stored.accessHashes.length !== 1 || stored.events !== 1 || stored.audits !== 1) diffs.push('incomplete write (access/event/audit)');
  return diffs;
}

const TAG = /^\[([^\]]+)\]/;

/** Every acknowledged report is present once and intact; nothing else was stored twice or out of thin air. */
export function verifyReports(checks: CheckList, label: string, sent: SentReport[], stored: StoredCase[]): void {
  const byTag = groupBy(stored, (c) => TAG.exec(c.text)?.[1] ?? '(untagged)');
  const acknowledged = sent.filter((s) => s.outcome === 'acknowledged');
  const unknown = sent.filter((s) => s.outcome === 'unknown');
  const rejected = sent.filter((s) => s.outcome === 'rejected');

  const missing = acknowledged.filter((s) => !byTag.has(s.tag));
  checks.check(`${label}: every acknowledged report is stored`, missing.length === 0,
    `${acknowledged.length} acknowledged, ${missing.length} missing${missing.length > 0 ? ` (first: ${missing[0]?.tag})` : ''}`);

  const damaged = acknowledged.flatMap((s) => {
    const copy = byTag.get(s.tag)?.[0];
    const diffs = copy === undefined ? [] : differences(s, copy);
    return diffs.length === 0 ? [] : [`${s.tag}: ${diffs.join(', ')}`];
  });
  checks.check(`${label}: every acknowledged report is intact (text, accounts, links, code, parts)`, damaged.length === 0,
    damaged.length === 0 ? `${acknowledged.length} compared field by field` : damaged.slice(0, 5).join('; '));

  const twice = [...byTag.entries()].filter(([, copies]) => copies.length > 1);
  checks.check(`${label}: no report is stored twice`, twice.length === 0,
    `${stored.length} cases, ${byTag.size} distinct reports${twice.length > 0 ? `, duplicated: ${twice.slice(0, 3).map(([t]) => t).join(', ')}` : ''}`);

  const sentTags = new Set(sent.map((s) => s.tag));
  const phantom = [...byTag.keys()].filter((t) => !sentTags.has(t));
  checks.check(`${label}: every stored case came from a request the clients made`, phantom.length === 0, `${phantom.length} unexplained`);

  const unknownStored = unknown.filter((s) => byTag.has(s.tag));
  const unknownDamaged = unknownStored.filter((s) => differences(s, byTag.get(s.tag)![0]!).length > 0);
  checks.check(`${label}: reports cut off by a kill are all-or-nothing`, unknownDamaged.length === 0,
    `${unknown.length} requests without an answer: ${unknownStored.length} stored whole, ${unknown.length - unknownStored.length} not stored`);

  const rejectedStored = rejected.filter((s) => byTag.has(s.tag));
  checks.check(`${label}: no request was refused or failed while the server was up`, rejected.length === 0,
    rejected.length === 0 ? 'none' : `${rejected.length} (statuses ${[...new Set(rejected.map((r) => r.status))].join(', ')}), ${rejectedStored.length} of them stored anyway`);
}
