import type { ReportInput } from '../../../src/shared/report-input.js';

let counter = 0;

/** A valid report as the API takes it; override any field. */
export function makeReportInput(overrides: Partial<ReportInput> = {}): ReportInput {
  counter += 1;
  return {
    reporterRole: 'target',
    reportedAccounts: [`Reported-account-${counter}`],
    links: [`https://wiki.example.org/w/index.php?diff=${1000 + counter}`],
    description: `Report number ${counter}: repeated personal remarks on my talk page after a content dispute.`,
    category: 'hounding',
    immediateDanger: false,
    language: 'en',
    ...overrides,
  };
}
