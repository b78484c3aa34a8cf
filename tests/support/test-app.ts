import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import type { DialectName } from '../../src/db/dialect-name.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { buildApp } from '../../src/server/app.js';
import type { ServiceContext } from '../../src/services/context.js';
import { FieldCipher } from '../../src/services/security/field-cipher.js';
import { SharedRateLimiter } from '../../src/services/shared-rate-limiter.js';
import type { IntakeLimits } from '../../src/services/admit-report.js';
import { checkResponseContract, type ContractViolation } from './response-contract.js';
import type { StaffRole } from '../../src/domain/access-policy.js';
import { makeStaff, signInStaff } from './factories/staff.js';
import { recordDialectRun } from './dialects.js';

export { testDialects } from './dialects.js';

export interface TestDatabase {
  handle: DatabaseHandle;
  /** Another handle on the same database, as a second Haven process would open it (close it yourself). */
  openAgain(): DatabaseHandle;
  dispose(): Promise<void>;
}

/** A fresh, migrated database: a temporary SQLite file, or a scratch PostgreSQL schema. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'haven-test-'));
    const handle = openDatabase({ url: `sqlite:${path.join(dir, 'haven.sqlite')}`, dataDir: dir });
    await migrateToLatest(handle);
    recordDialectRun(dialect);
    return {
      handle,
      openAgain: () => openDatabase({ url: `sqlite:${path.join(dir, 'haven.sqlite')}`, dataDir: dir }),
      dispose: async () => { await handle.close(); rmSync(dir, { recursive: true, force: true }); },
    };
  }
  const url = process.env.HAVEN_TEST_DATABASE_URL;
  if (url === undefined || url === '') throw new Error('HAVEN_TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const handle = openDatabase({ url, dataDir: tmpdir(), pgSchema: schema, poolSize: 5 });
  await migrateToLatest(handle);
  recordDialectRun(dialect);
  return {
    handle,
    openAgain: () => openDatabase({ url, dataDir: tmpdir(), pgSchema: schema, poolSize: 5 }),
    dispose: async () => {
      await handle.close();
      const cleaner = new pg.Client({ connectionString: url });
      await cleaner.connect();
      await cleaner.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleaner.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  ctx: ServiceContext;
  dialect: DialectName;
  /** The database's location: the SQLite file's path, or PostgreSQL's address. */
  databaseLocation: string;
  /** Every route the app registered, as Fastify reported them (HEAD routes it adds included). */
  routes: { method: string; url: string }[];
  /** Moves the app's clock. */
  setNow(date: Date): void;
  /** Opens another handle on this app's database (for a second instance, see `sameDatabaseAs`). */
  openDatabaseAgain(): DatabaseHandle;
  close(): Promise<void>;
}

/** Intake limits in tests unless a test asks for its own: high enough that no suite meets them. */
const UNLIMITED_INTAKE: IntakeLimits = { perSource: 1_000_000, perMinute: 1_000_000, powMaxNumber: 1000 };

/** A Haven app on a fresh database, driven with `app.inject`, with a clock the test controls. */
export async function createTestApp(dialect: DialectName, options: {
  now?: Date; trainingDir?: string; publicUrl?: string; logStream?: NodeJS.WritableStream;
  intakeLimits?: IntakeLimits;
  /** A second instance on that app's database, with the same secret key, as a second process of one deployment. */
  sameDatabaseAs?: TestApp;
} = {}): Promise<TestApp> {
  const first = options.sameDatabaseAs;
  const database = first === undefined ? await createTestDatabase(dialect) : secondHandle(first);
  let now = options.now ?? new Date('2026-03-02T10:00:00.000Z');
  const ctx: ServiceContext = {
    db: database.handle.db, dialect, cipher: first?.ctx.cipher ?? new FieldCipher(randomBytes(32)), now: () => new Date(now), sessionHours: 12,
    // Suites move the clock by hours between a sign-in and its use; the idle timeout has its
    // own tests (session.idle.test.ts), which put the default back.
    staffIdleMinutes: 12 * 60,
    intakeLimits: options.intakeLimits ?? UNLIMITED_INTAKE,
    // As in production (runtime/open-context.ts): PostgreSQL counts limits in the database.
    ...(dialect === 'postgres' ? { rateLimiter: new SharedRateLimiter(database.handle.db) } : {}),
  };
  const routes: { method: string; url: string }[] = [];
  const app = await buildApp({
    onRoute: (route) => { routes.push(route); },
    config: { publicUrl: options.publicUrl ?? 'http://localhost:3000', secureCookies: options.publicUrl?.startsWith('https://') ?? false, trustProxy: false, logLevel: options.logStream === undefined ? 'silent' : 'trace' },
    ctx,
    ...(options.logStream === undefined ? {} : { logStream: options.logStream }),
    ...(options.trainingDir === undefined ? {} : { trainingDir: options.trainingDir }),
  });
  // Every response the suite provokes must match its route's declared contract. A violation
  // turns that response into a 500 (so the test at hand fails) and fails the file on close.
  const violations: ContractViolation[] = [];
  checkResponseContract(app, (violation) => {
    violations.push(violation);
    throw new Error(describeViolation(violation));
  });
  await app.ready();
  return {
    app, ctx, dialect, routes, databaseLocation: database.handle.location,
    setNow: (date) => { now = date; },
    openDatabaseAgain: () => database.openAgain(),
    close: async () => {
      await app.close();
      await database.dispose();
      if (violations.length > 0) throw new Error(`Responses broke the API contract:\n${violations.map(describeViolation).join('\n')}`);
    },
  };
}

/** A second instance's own handle on the first one's database; the first instance drops the database. */
function secondHandle(first: TestApp): TestDatabase {
  const handle = first.openDatabaseAgain();
  return { handle, openAgain: () => first.openDatabaseAgain(), dispose: () => handle.close() };
}

function describeViolation(v: ContractViolation): string {
  return `${v.method} ${v.url} answered ${v.status}: ${v.problem}`;
}

export interface SignedIn { cookie: string; csrfToken: string; userId: string; username: string }

let staffCounter = 0;

/** Creates a staff account with the given role and signs it in through the API. */
export async function signInAs(t: TestApp, role: StaffRole, username = `${role}-${(staffCounter += 1)}`): Promise<SignedIn> {
  return signInStaff(t, await makeStaff(t, { role, username }));
}
