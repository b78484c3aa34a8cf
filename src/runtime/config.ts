import { STAFF_IDLE_DEFAULT_MINUTES } from '../domain/second-factor.js';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_INTAKE_LIMITS, type IntakeLimits } from '../services/admit-report.js';

// Every setting Haven reads, in one place, validated once at start-up.
// docs/OPERATIONS.md documents each variable.
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  HAVEN_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().optional(),
  HAVEN_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  HAVEN_SECRET_KEY: z.string().optional(),
  HAVEN_PREVIOUS_SECRET_KEYS: z.string().optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('Haven <haven@localhost>'),
  HAVEN_WORKER: z.enum(['on', 'off']).default('on'),
  HAVEN_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HAVEN_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  HAVEN_STAFF_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(STAFF_IDLE_DEFAULT_MINUTES),
  HAVEN_INTAKE_GROUP_COMMIT: z.enum(['on', 'off']).default('on'),
  HAVEN_JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  HAVEN_MAIL_FILE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  HAVEN_AUDIT_HEAD_FILE: z.string().min(1).optional(),
  HAVEN_AUDIT_HEAD_EMAIL: z.email().optional(),
  HAVEN_INTAKE_PER_SOURCE: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_INTAKE_LIMITS.perSource),
  HAVEN_INTAKE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_INTAKE_LIMITS.perMinute),
  HAVEN_INTAKE_POW_MAX: z.coerce.number().int().min(10).max(10_000_000).default(DEFAULT_INTAKE_LIMITS.powMaxNumber),
});

export interface HavenConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  secureCookies: boolean;
  secretKey: string | undefined;
  previousSecretKeys: string[];
  smtpUrl: string | undefined;
  mailFrom: string;
  mailDir: string;
  runWorker: boolean;
  trustProxy: boolean;
  logLevel: string;
  sessionHours: number;
  /** A staff session unused this long ends (HAVEN_STAFF_IDLE_MINUTES). */
  staffIdleMinutes: number;
  /** Concurrent intake requests share one transaction (see src/db/group-commit.ts). */
  intakeGroupCommit: boolean;
  /** How long a job claim lasts without renewal: how soon a dead process's jobs are retried. */
  jobLeaseMs: number;
  /** How long the default `.eml` mailer keeps a message before housekeeping deletes it. */
  mailFileRetentionMs: number;
  /** Where the worker writes the audit chain's head every hour, and `haven audit verify` reads it. */
  auditHeadFile: string;
  /** Where the worker also emails the audit chain's head, when set (HAVEN_AUDIT_HEAD_EMAIL). */
  auditHeadEmail: string | undefined;
  /** Intake's rate limits and challenge (HAVEN_INTAKE_PER_SOURCE, HAVEN_INTAKE_PER_MINUTE, HAVEN_INTAKE_POW_MAX). */
  intakeLimits: IntakeLimits;
}

export class ConfigError extends Error {}

/** Reads and validates configuration from the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): HavenConfig {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Haven's configuration is not valid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.HAVEN_DATA_DIR);
  const publicUrl = (e.HAVEN_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    // Behind HTTPS the cookies must never travel in clear; on plain local HTTP they cannot be Secure.
    secureCookies: publicUrl.startsWith('https://'),
    secretKey: e.HAVEN_SECRET_KEY,
    previousSecretKeys: (e.HAVEN_PREVIOUS_SECRET_KEYS ?? '').split(',').map((k) => k.trim()).filter((k) => k !== ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailDir: path.join(dataDir, 'mail'),
    runWorker: e.HAVEN_WORKER === 'on',
    trustProxy: e.HAVEN_TRUST_PROXY === 'true',
    logLevel: e.LOG_LEVEL,
    sessionHours: e.HAVEN_SESSION_HOURS,
    staffIdleMinutes: e.HAVEN_STAFF_IDLE_MINUTES,
    intakeGroupCommit: e.HAVEN_INTAKE_GROUP_COMMIT === 'on',
    jobLeaseMs: e.HAVEN_JOB_LEASE_SECONDS * 1000,
    mailFileRetentionMs: e.HAVEN_MAIL_FILE_RETENTION_DAYS * 24 * 3_600_000,
    auditHeadFile: path.resolve(e.HAVEN_AUDIT_HEAD_FILE ?? path.join(dataDir, 'audit-head.json')),
    auditHeadEmail: e.HAVEN_AUDIT_HEAD_EMAIL,
    intakeLimits: { perSource: e.HAVEN_INTAKE_PER_SOURCE, perMinute: e.HAVEN_INTAKE_PER_MINUTE, powMaxNumber: e.HAVEN_INTAKE_POW_MAX },
  };
}
