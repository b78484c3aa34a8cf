import { describe, expect, it } from 'vitest';
import * as domain from './index.js';

describe('domain index', () => {
  it('exports the contract other layers are written against', () => {
    const names = [
      'CATEGORIES',
      'REPORTER_ROLES',
      'SEVERITIES',
      'initialSeverity',
      'DEFAULT_FIRST_RESPONSE_HOURS',
      'firstResponseDueAt',
      'firstResponseState',
      'formatCaseReference',
      'parseCaseReference',
      'CASE_STATUSES',
      'OUTCOMES',
      'transition',
      'DEFAULT_REQUIRED_SIGN_OFFS',
      'isOpen',
      'mostUrgentDeadline',
      'compareByUrgency',
      'STAFF_ROLES',
      'canOnCase',
      'canManageUsers',
    ];
    for (const name of names) expect(domain, name).toHaveProperty(name);
  });
});
