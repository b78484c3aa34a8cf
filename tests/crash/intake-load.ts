import { CATEGORIES, REPORTER_ROLES } from '../../src/domain/categories.js';
import type { ReportInput } from '../../src/shared/report-input.js';
import type { Random } from './harness/random.js';

/** What one intake request sent and what, if anything, came back. */
export interface SentReport {
  tag: string;
  input: ReportInput;
  /** acknowledged: a 201 reached the client; unknown: the connection died first; rejected: any other answer. */
  outcome: 'acknowledged' | 'unknown' | 'rejected';
  status?: number;
  reference?: string;
  accessCode?: string;
}

const WORDS = [
  'talk', 'page', 'revert', 'again', 'after', 'dispute', 'followed', 'every', 'edit', 'message', 'threatening',
  'sockpuppet', 'off-wiki', 'forum', 'photo', 'address', 'Zürich', 'café', 'naïve', '日本語', 'العربية', 'עברית', '👀',
];

/** A valid report whose description carries a unique tag, so each stored copy can be traced to one request. */
export function makeTaggedReport(rng: Random, tag: string, withContact: boolean): ReportInput {
  const words = Array.from({ length: rng.int(5, 400) }, () => rng.pick(WORDS));
  const accounts = Array.from({ length: rng.int(1, 3) }, (_, i) => `Reported user ${tag.replace(/\W+/g, '-')}-${i}`);
  const links = Array.from({ length: rng.int(1, 3) }, (_, i) => `https://wiki.example.org/w/index.php?diff=${rng.int(1, 1e9)}&n=${i}`);
  const reporterRole = rng.pick(REPORTER_ROLES);
  return {
    reporterRole,
    reportedAccounts: accounts,
    ...(rng.chance(0.5) ? { targetAccount: `Target ${tag.replace(/\W+/g, '-')}` } : {}),
    links,
    description: `[${tag}]\n${words.join(' ')}`,
    category: rng.pick(CATEGORIES),
    immediateDanger: rng.chance(0.1),
    ...(withContact ? { contactEmail: `reporter.${tag.replace(/\W+/g, '.')}@example.org` } : {}),
    language: rng.pick(['en', 'de', 'fr', 'ja', 'ar'] as const),
  };
}

/** Sends one report and classifies the answer. */
export async function sendReport(baseUrl: string, tag: string, input: ReportInput): Promise<SentReport> {
  try {
    const response = await fetch(`${baseUrl}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (response.status !== 201) return { tag, input, outcome: 'rejected', status: response.status };
    const body = JSON.parse(text) as { reference: string; accessCode: string };
    return { tag, input, outcome: 'acknowledged', status: 201, reference: body.reference, accessCode: body.accessCode };
  } catch {
    // Connection refused, reset, or cut mid-answer: the report may or may not have been stored.
    return { tag, input, outcome: 'unknown' };
  }
}

export interface LoadHandle { stop(): void; done: Promise<void> }

/**
 * Runs `clients` concurrent reporters against one server until stopped, appending every
 * request to `sent`. A client stops at the first failed connection: its server has died.
 */
export function runIntakeLoad(input: {
  baseUrl: string; clients: number; rng: Random; tagPrefix: string; contactShare: number; sent: SentReport[];
}): LoadHandle {
  let stopped = false;
  const client = async (index: number): Promise<void> => {
    for (let n = 0; !stopped && n < 100_000; n += 1) {
      const tag = `${input.tagPrefix}/c${index}/n${n}`;
      const report = makeTaggedReport(input.rng, tag, input.rng.chance(input.contactShare));
      const result = await sendReport(input.baseUrl, tag, report);
      input.sent.push(result);
      if (result.outcome === 'unknown') return;
    }
  };
  const done = Promise.all(Array.from({ length: input.clients }, (_, i) => client(i))).then(() => undefined);
  return { stop: () => { stopped = true; }, done };
}
