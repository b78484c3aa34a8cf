import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { buildCountsTable, type CountsTable } from '../../domain/reporting-counts.js';
import { CATEGORIES } from '../../domain/categories.js';
import { CaseCounts } from './reporting.js';

describe('the counts on the wire', () => {
  it('are exactly the domain table, so the contract is no third copy', () => {
    // Checked by the type checker (`npm run check`): any field added, dropped or retyped on
    // either side fails to compile.
    expectTypeOf<z.infer<typeof CaseCounts>>().toEqualTypeOf<CountsTable>();
  });

  it.each([false, true])('accept what the domain builds (publication: %s)', (publication) => {
    const table = buildCountsTable({
      range: { from: '2026-01', to: '2026-02' }, categories: CATEGORIES, publication,
      cells: [{ month: '2026-01', category: 'hate', count: 3 }, { month: '2026-02', category: 'retired_category', count: 7 }],
    });
    expect(CaseCounts.parse(table)).toEqual(table);
  });
});
