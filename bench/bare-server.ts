// The intake ceiling: a bare Fastify route that inserts the case row of a report, one
// durable commit per request, into the same kind of database with the same settings
// (SQLite WAL + synchronous=FULL, or PostgreSQL with its defaults). No validation, no
// parties, no audit: what is left is HTTP plus one commit.
//   PORT=… DATABASE_URL=sqlite:/path|postgres://… node --import tsx bench/bare-server.ts
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import SQLite from 'better-sqlite3';
import pg from 'pg';

const url = process.env.DATABASE_URL ?? '';
const port = Number(process.env.PORT ?? 3100);
const COLUMNS = ['id', 'reference', 'status', 'is_open', 'category', 'severity', 'reporter_role', 'immediate_danger', 'language',
  'report_text', 'source', 'received_at', 'first_response_due_at', 'urgent_at', 'updated_at', 'search_accounts', 'desk_id'];
const DEFAULT_DESK = 'SELECT id FROM desks WHERE is_default = 1';

type Insert = (values: unknown[]) => Promise<void>;

function sqliteInsert(file: string): { insert: Insert; deskId: Promise<string> } {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const statement = db.prepare(`INSERT INTO cases (${COLUMNS.join(',')}) VALUES (${COLUMNS.map(() => '?').join(',')})`);
  const desk = db.prepare(DEFAULT_DESK).get() as { id: string };
  return { insert: (values) => { statement.run(values); return Promise.resolve(); }, deskId: Promise.resolve(desk.id) };
}

function postgresInsert(connectionString: string): { insert: Insert; deskId: Promise<string> } {
  const pool = new pg.Pool({ connectionString, max: 10 });
  const text = `INSERT INTO cases (${COLUMNS.join(',')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(',')})`;
  const deskId = pool.query<{ id: string }>(DEFAULT_DESK).then((r) => r.rows[0]!.id);
  return { insert: async (values) => { await pool.query(text, values); }, deskId };
}

const { insert, deskId: deskQuery } = url.startsWith('postgres') ? postgresInsert(url) : sqliteInsert(url.replace(/^sqlite:/, ''));
// The reports all go to the default desk: a case names its desk (migration 0012).
const deskId = await deskQuery;
const app = Fastify({ bodyLimit: 256 * 1024 });
app.get('/healthz', () => ({ status: 'ok' }));
app.post('/api/v1/reports', async (request, reply) => {
  const body = request.body as { description: string; category: string; reporterRole: string; reportedAccounts: string[] };
  const now = new Date().toISOString();
  const id = randomUUID();
  await insert([id, `BARE-${id}`, 'new', 1, body.category, 'normal', body.reporterRole, 0, 'en',
    body.description, 'api', now, now, now, now, body.reportedAccounts.join(' '), deskId]);
  return reply.status(201).send({ reference: `BARE-${id}` });
});
await app.listen({ port, host: '127.0.0.1' });
