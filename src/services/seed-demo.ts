import { countCases } from '../db/repositories/cases.js';
import { listDesks } from '../db/repositories/desks.js';
import type { ReportInput } from '../shared/report-input.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';
import { submitReport } from './submit-report.js';

const HOUR = 3_600_000;

// Demonstration reports, written for Haven. Account names are placeholders, not people.
const DEMO: { hoursAgo: number; input: ReportInput }[] = [
  { hoursAgo: 0.2, input: { reporterRole: 'third_party', reportedAccounts: ['Demo-account-12'], targetAccount: 'Demo-account-3', links: ['https://wiki.example.org/w/index.php?diff=1001'], description: 'A talk page message says the other editor "will regret it" and names the town they live in. It was posted a few minutes ago.', category: 'threat_of_violence', immediateDanger: true, language: 'en' } },
  { hoursAgo: 5, input: { reporterRole: 'target', reportedAccounts: ['Demo-account-8'], targetAccount: 'Demo-account-4', links: ['https://wiki.example.org/w/index.php?diff=1002', 'https://wiki.example.org/w/index.php?diff=1003'], description: 'My real name and employer were added to my user page by another account. I have not shared these anywhere on the wiki. Please hide the edits.', category: 'personal_information', immediateDanger: false, contactEmail: 'reporter-demo@example.org', language: 'en' } },
  { hoursAgo: 30, input: { reporterRole: 'target', reportedAccounts: ['Demo-account-15'], links: ['https://wiki.example.org/wiki/Special:Contributions/Demo-account-15'], description: 'For three weeks this account has reverted almost every edit I make, across unrelated articles, usually within an hour. The edit summaries have become personal.', category: 'hounding', immediateDanger: false, language: 'en' } },
  { hoursAgo: 50, input: { reporterRole: 'undisclosed', reportedAccounts: ['Demo-account-21', 'Demo-account-22'], links: ['https://forum.example.net/thread/77'], description: 'Two accounts are coordinating on an outside forum to target new editors from one country, then arriving together on the wiki.', category: 'off_site', immediateDanger: false, language: 'en' } },
  { hoursAgo: 70, input: { reporterRole: 'third_party', reportedAccounts: ['Demo-account-30'], targetAccount: 'Demo-account-31', links: ['https://wiki.example.org/w/index.php?diff=1004'], description: 'Repeated comments about a contributor\'s religion in a content dispute. The person targeted has stopped editing.', category: 'hate', immediateDanger: false, language: 'en' } },
  { hoursAgo: 2, input: { reporterRole: 'target', reportedAccounts: ['Demo-account-40'], links: ['https://wiki.example.org/w/index.php?diff=1005'], description: 'After I declined to meet at an event, this account has sent unwanted messages about my appearance by wiki email.', category: 'sexual_harassment', immediateDanger: false, contactEmail: 'another-demo@example.org', language: 'de' } },
];

/** Fills an empty database with a handful of realistic cases on the default desk; refuses when cases already exist. */
export async function seedDemo(ctx: ServiceContext): Promise<string[]> {
  if ((await countCases(ctx.db)) > 0) throw new AppError('conflict', 'The database already has cases; seed-demo only fills an empty one.');
  const desk = (await listDesks(ctx.db)).find((d) => d.isDefault)?.slug;
  const base = ctx.now().getTime();
  const references: string[] = [];
  for (const { hoursAgo, input } of [...DEMO].sort((a, b) => b.hoursAgo - a.hoursAgo)) {
    const at = new Date(base - hoursAgo * HOUR);
    const receipt = await submitReport({ ...ctx, now: () => at }, { ...input, desk }, 'web');
    references.push(receipt.reference);
  }
  return references;
}
