import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDialects, type TestApp } from '../../../tests/support/test-app.js';
import { makeCase, makeDesk } from '../../../tests/support/factories.js';
import { listQueue, type QueueRow } from './queue.js';

// Someone on several desks reads one queue: a page of each desk's index walk, merged in one
// statement. The merged pages must be exactly the rows a single sort of all those desks'
// open cases would give, page after page, and never a case of a desk not asked for.

describe.each(testDialects())('the queue of several desks, on %s', (dialect) => {
  let t: TestApp;
  const deskIds: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const start = Date.parse('2026-11-02T08:00:00.000Z');
    for (const slug of ['north', 'south', 'east']) deskIds[slug] = (await makeDesk(t, { slug, name: `Desk ${slug}` })).id;
    // Interleaved arrival times, so that every desk's cases fall between the others'.
    for (let i = 0; i < 12; i += 1) {
      const slug = ['north', 'south', 'east'][i % 3]!;
      await makeCase(t, { desk: slug, receivedAt: new Date(start + ((i * 7) % 12) * 3_600_000) });
    }
  });
  afterAll(async () => { await t.close(); });

  const order = (a: QueueRow, b: QueueRow) => a.urgentAt.getTime() - b.urgentAt.getTime() || (a.id < b.id ? -1 : 1);

  it('pages through two desks in the order of one sort, leaving out the third', async () => {
    const asked = [deskIds.north!, deskIds.south!];
    const everything = await listQueue(t.ctx.db, { deskIds: asked, limit: 100, viewerGroups: [] });
    expect(everything).toHaveLength(8);
    expect(new Set(everything.map((row) => row.deskId))).toEqual(new Set(asked));
    expect(everything).toEqual([...everything].sort(order));

    const paged: QueueRow[] = [];
    for (;;) {
      const last = paged.at(-1);
      const page = await listQueue(t.ctx.db, {
        deskIds: asked, limit: 3, viewerGroups: [], ...(last === undefined ? {} : { after: { urgentAt: last.urgentAt, id: last.id } }),
      });
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(3);
      paged.push(...page);
    }
    expect(paged.map((row) => row.id)).toEqual(everything.map((row) => row.id));
  });

  it('gives one desk alone the same rows as that desk within a merged queue', async () => {
    const all = await listQueue(t.ctx.db, { deskIds: Object.values(deskIds), limit: 100, viewerGroups: [] });
    const east = await listQueue(t.ctx.db, { deskIds: [deskIds.east!], limit: 100, viewerGroups: [] });
    expect(east.map((row) => row.id)).toEqual(all.filter((row) => row.deskId === deskIds.east).map((row) => row.id));
  });
});
