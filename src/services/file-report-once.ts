import type { HavenDb } from '../db/connection.js';
import { findIntakeReceipt, type IntakeReceiptRow } from '../db/repositories/intake-receipts.js';
import { canShowCode } from '../domain/intake-limits.js';
import type { ReportInput } from '../shared/report-input.js';
import { IntakeKeyTaken, submitReport, type SubmittedReport } from './submit-report.js';
import { SEALED, type ServiceContext } from './context.js';
import type { PreparedFile } from './evidence-file-sealing.js';

/**
 * Where a key comes from. Keys are hashed with their scope, so a form token can never answer
 * for an API key that happens to be spelled the same.
 */
export type IntakeScope = 'form' | 'api';

/** What a report sent with an idempotency key came to. */
export type FiledOnce =
  /** Filed now, for the first time. */
  | { kind: 'filed'; receipt: SubmittedReport }
  /** Filed earlier with this key and this same report; the code while it is still kept, else null. */
  | { kind: 'repeat'; reference: string; accessCode: string | null }
  /** The key was used for another report: nothing filed (HTTP 422). */
  | { kind: 'key_reused' }
  /** A request with the key is still being filed (HTTP 409). */
  | { kind: 'in_flight' };

export interface OnceRequest {
  scope: IntakeScope; key: string; input: ReportInput; source: 'web' | 'api';
  /** Evidence files, checked and stripped; they commit with the report. */
  files?: readonly PreparedFile[];
}

/**
 * The keys being filed right now in this process, per database, each with a promise that
 * settles when its request is done. It only makes the answer to a concurrent duplicate quick
 * and exact; what guarantees one case per key is the key's row, which commits with the report
 * (see claimIntakeKeys), and that holds across processes.
 */
const inFlight = new WeakMap<HavenDb, Map<string, Promise<void>>>();

function inFlightOf(db: HavenDb): Map<string, Promise<void>> {
  let keys = inFlight.get(db);
  if (keys === undefined) {
    keys = new Map();
    inFlight.set(db, keys);
  }
  return keys;
}

/** How many keys this process is filing now (tests wait on it to stage a concurrent duplicate). */
export function keysInFlight(ctx: ServiceContext): number {
  return inFlightOf(ctx.db).size;
}

/** A key's stored ids, one per configured secret key, the current one's first; the key itself is never stored. */
export function intakeKeyIds(ctx: ServiceContext, scope: IntakeScope, key: string): string[] {
  return ctx.cipher.keyedHashes(`${scope}\0${key}`, 'intake-key');
}

/** The key's ids and the report's fingerprints, the current secret key's first. */
function hashes(ctx: ServiceContext, request: OnceRequest): { ids: string[]; fingerprints: string[] } {
  return {
    ids: intakeKeyIds(ctx, request.scope, request.key),
    // The files count by their hashes: the same form sent twice with other files is another report.
    // Without files the fingerprint is the one it always was, so keys stored before stay comparable.
    fingerprints: ctx.cipher.keyedHashes(canonicalJson(request.files === undefined || request.files.length === 0
      ? request.input : { ...request.input, files: request.files.map((f) => f.sha256) }), 'intake-fingerprint'),
  };
}

/**
 * Files a report at most once per key (24 hours; see docs/OPERATIONS.md). The same key with the
 * same report answers what the first request filed; with another report, `key_reused`. A
 * duplicate that arrives while the first is still being filed gets `in_flight`, or, with
 * `waitForFirst` (a browser that was sent the answer to a double click's second post only),
 * waits for the first and answers like a repeat.
 */
export async function fileReportOnce(ctx: ServiceContext, request: OnceRequest, options: { waitForFirst: boolean }): Promise<FiledOnce> {
  const { ids, fingerprints } = hashes(ctx, request);
  const [id] = ids;
  const [fingerprint] = fingerprints;
  if (id === undefined || fingerprint === undefined) throw new Error('The field cipher has no key.');
  const keys = inFlightOf(ctx.db);
  const running = keys.get(id);
  if (running !== undefined) {
    if (!options.waitForFirst) return { kind: 'in_flight' };
    await running;
    return fileReportOnce(ctx, request, options);
  }
  // Registered before the first await, so a duplicate arriving meanwhile sees it.
  let settle: () => void = () => undefined;
  keys.set(id, new Promise<void>((resolve) => { settle = resolve; }));
  try {
    const earlier = await findIntakeReceipt(ctx.db, ids, ctx.now());
    if (earlier !== null) return answer(ctx, earlier, fingerprints);
    try {
      return { kind: 'filed', receipt: await submitReport(ctx, request.input, request.source, { id, fingerprint }, request.files) };
    } catch (error) {
      if (!(error instanceof IntakeKeyTaken)) throw error;
      // Another process filed this key between our look and our write: it was in flight then.
      if (!options.waitForFirst) return { kind: 'in_flight' };
      const winner = await findIntakeReceipt(ctx.db, ids, ctx.now());
      if (winner === null) throw error;
      return answer(ctx, winner, fingerprints);
    }
  } finally {
    keys.delete(id);
    settle();
  }
}

/** The answer to a key seen before: its report, or a refusal when the report differs. */
function answer(ctx: ServiceContext, receipt: IntakeReceiptRow, fingerprints: string[]): FiledOnce {
  if (!fingerprints.includes(receipt.fingerprint)) return { kind: 'key_reused' };
  const accessCode = receipt.codeEnc !== null && canShowCode({ hasCode: true, codeUntil: receipt.codeUntil }, ctx.now())
    ? ctx.cipher.open(receipt.codeEnc, `${SEALED.intakeCode}:${receipt.id}`)
    : null;
  return { kind: 'repeat', reference: receipt.reference, accessCode };
}

/** JSON with object keys sorted, so the same report always gives the same fingerprint. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}
