// Test data with overrides: `makeCase(t, { severity: 'emergency', status: 'waiting' })`,
// `makeStaff(t, { role: 'admin', desk })`, `makeCase(t, { desk })` with `desk = await makeDesk(t)`.
// Each factory writes through the real services and repositories where they exist, so the
// rows are the ones production writes; the few adjustments no service makes yet (closing,
// restricting, disabling an account, revoking a code) are written here, in one place.
export { makeReportInput } from './factories/report-input.js';
export { adjustCase, makeCase, revokeReporterAccess, type CaseAdjustments, type CaseOverrides, type MadeCase } from './factories/cases.js';
export { makeParty, type MadeParty, type PartyOverrides } from './factories/parties.js';
export { disableStaff, makeStaff, signInStaff, staffActor, type MadeStaff, type StaffOverrides } from './factories/staff.js';
export { grantRole, makeDesk, type DeskOverrides, type DeskRef, type MadeDesk } from './factories/desks.js';
export { makeMessage, type MessageOverrides } from './factories/messages.js';

/** What every factory needs: the test app's service context (a TestApp will do). */
export type { FactoryTarget } from './factories/target.js';
