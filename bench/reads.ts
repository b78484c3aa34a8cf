import { sql } from 'kysely';
import { openDatabase } from '../src/db/connection.js';
import { createStaffUser } from '../src/services/create-staff-user.js';
import { grantDeskRole } from '../src/services/grant-desk-role.js';
import { listAllDesks } from '../src/services/list-desks.js';
import { AppError } from '../src/services/errors.js';
import { FieldCipher } from '../src/services/security/field-cipher.js';
import { CATEGORIES } from '../src/domain/categories.js';
import { addMonths, defaultMonthRange, MAX_REPORT_MONTHS } from '../src/domain/reporting-counts.js';
import type { BenchDatabase } from './generate.js';
import { ANCHOR, uuid7 } from './model.js';
import { Prng } from './prng.js';
import { summarize, type Latency } from './stats.js';

const BENCH_USER = 'bench-handler';
/** An admin of every desk, whose queue merges them all (timed only when there are several). */
export const BENCH_ADMIN = 'bench-admin-of-every-desk';
const BENCH_PASSWORD = 'bench handler password, not secret';

export interface ReadPlan { references: string[]; account: string }

/**
 * Makes sure the bench's handler (a role on the default desk only) and admin (a role on every
 * desk) exist, created through the services, and picks what to read: cases of the handler's desk.
 */
export async function prepareReads(database: BenchDatabase, seed: string, count: number): Promise<ReadPlan> {
  const handle = openDatabase({ url: database.url, dataDir: database.dataDir });
  try {
    const ctx = {
      db: handle.db, dialect: handle.dialect, cipher: new FieldCipher(Buffer.from(database.secretKey, 'base64')),
      now: () => new Date(), sessionHours: 12,
    };
    const desks = await listAllDesks(ctx);
    const home = desks.find((d) => d.isDefault);
    if (home === undefined) throw new Error('no default desk');
    for (const [username, role] of [[BENCH_USER, 'handler'], [BENCH_ADMIN, 'admin']] as const) {
      try {
        await createStaffUser(ctx, { username, role, password: BENCH_PASSWORD, desk: home.slug }, null);
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'conflict')) throw error;
      }
    }
    for (const desk of desks) await grantDeskRole(ctx, { username: BENCH_ADMIN, desk: desk.slug, role: 'admin' }, null);
    const prng = new Prng(`${seed}:reads`);
    const span = 5 * 365 * 86_400_000;
    const references: string[] = [];
    while (references.length < count) {
      const from = uuid7(ANCHOR - Math.floor(prng.float() * span), prng);
      const row = await handle.db.selectFrom('cases').select('reference').where('id', '>=', from).where('desk_id', '=', home.id)
        .where('restricted_to_group', 'is', null).orderBy('id').limit(1).executeTakeFirst();
      if (row !== undefined) references.push(row.reference);
    }
    const from = uuid7(ANCHOR - Math.floor(prng.float() * span), prng);
    const party = await handle.db.selectFrom('case_parties').select('username').where('id', '>=', from)
      .where('role', '=', 'reported').orderBy('id').limit(1).executeTakeFirstOrThrow();
    if (handle.dialect === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(handle.db);
    return { references, account: party.username ?? 'RiverReader0' };
  } finally {
    await handle.close();
  }
}

/** Signs the bench handler (or another bench account) in and returns the session cookie. */
export async function signIn(url: string, username = BENCH_USER): Promise<string> {
  const response = await fetch(`${url}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`bench sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('haven_staff='));
  if (cookie === undefined) throw new Error('no staff cookie');
  return cookie.split(';')[0]!;
}

/** Times `count` GET requests, one at a time, after a few unmeasured ones. */
export async function timeGets(url: string, cookie: string, paths: (i: number) => string, count: number): Promise<Latency> {
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  const warm = Math.min(20, Math.ceil(count / 5));
  for (let i = -warm; i < count; i += 1) {
    const started = performance.now();
    const response = await fetch(`${url}${paths(i + warm)}`, { headers: { cookie } });
    await response.arrayBuffer();
    const ms = performance.now() - started;
    if (i < 0) continue;
    samples.push(ms);
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  }
  return { ...summarize(samples), statuses };
}

/** The queue's first page under the filters a handler uses, in rotation. */
export function queuePaths(): (i: number) => string {
  const filters = ['', '?status=new', '?status=waiting', '?status=investigating', ...CATEGORIES.map((c) => `?category=${c}`)];
  return (i) => `/api/v1/cases${filters[i % filters.length]!}`;
}

/** The searches the bench times: a common word, a rarer one, a rare one and a reported account. */
export function searches(plan: ReadPlan): Record<string, string> {
  const q = (text: string, extra = '') => `/api/v1/cases?q=${encodeURIComponent(text)}${extra}`;
  return {
    'common word (reverted)': q('reverted'),
    'uncommon word (arbitration)': q('arbitration'),
    'rare word (sockfarm)': q('sockfarm'),
    'account, closed cases': q(plan.account, '&status=closed'),
  };
}

/**
 * "Counts by category and month", over the default window (the twelve months ending with the
 * generated data's last month, not today's, so the figure does not drift with the calendar) and
 * over the longest window allowed, which holds every generated case. Requests alternate between
 * the plain and the publication view.
 */
export function countPaths(): Record<string, (i: number) => string> {
  const twelve = defaultMonthRange(new Date(ANCHOR));
  const all = { from: addMonths(twelve.to, -(MAX_REPORT_MONTHS - 1)), to: twelve.to };
  const path = (range: { from: string; to: string }) => (i: number) =>
    `/api/v1/reporting/counts?from=${range.from}&to=${range.to}${i % 2 === 1 ? '&publication=true' : ''}`;
  return { '12 months': path(twelve), [`all time (${MAX_REPORT_MONTHS} months)`]: path(all) };
}
