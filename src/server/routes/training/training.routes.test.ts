import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { grantRole, makeDesk, makeStaff, signInStaff } from '../../../../tests/support/factories.js';
import { TeamTrainingResponse, type TeamTraining } from '../../../shared/api/training.js';

const FIXTURES = fileURLToPath(new URL('../../../../tests/fixtures/training/catalog', import.meta.url));
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(testDialects())('GET /api/v1/training/progress on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(dialect, { trainingDir: FIXTURES }); });
  afterAll(async () => { await t.close(); });

  const progress = (who?: SignedIn) => t.app.inject({ method: 'GET', url: '/api/v1/training/progress', headers: who === undefined ? {} : { cookie: who.cookie } });

  async function readAndAnswer(who: SignedIn, choices: string[]): Promise<void> {
    for (const section of ['why', 'first-reply']) await t.app.inject({ method: 'GET', url: `/training/replying-well/${section}`, headers: { cookie: who.cookie } });
    for (const choice of choices) {
      const response = await t.app.inject({
        method: 'POST', url: '/training/replying-well/first-reply/answers', headers: { ...FORM, cookie: who.cookie },
        payload: new URLSearchParams({ question: 'friday-report', choice, csrf: who.csrfToken }).toString(),
      });
      expect(response.statusCode).toBe(303);
    }
  }

  it('asks for a session, then an admin', async () => {
    expect((await progress()).statusCode).toBe(401);
    for (const role of ['handler', 'reviewer', 'escalation'] as const) {
      const response = await progress(await signInAs(t, role));
      expect(response.statusCode).toBe(403);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('forbidden');
    }
  });

  it('shows an admin each person\'s progress, per person, with completion computed from what they did', async () => {
    const admin = await signInAs(t, 'admin');
    const finished = await signInAs(t, 'handler');
    const struggling = await signInAs(t, 'handler');
    await readAndAnswer(finished, ['b']);
    await readAndAnswer(struggling, ['a', 'c']);
    t.setNow(new Date('2026-03-02T11:00:00.000Z'));
    const response = await progress(admin);
    expect(response.statusCode).toBe(200);
    const body = TeamTrainingResponse.parse(response.json<TeamTraining>());
    expect(body.modules).toEqual([{ id: 'replying-well', title: 'Replying well', estimatedMinutes: 5, sections: 2, questions: 1 }]);
    const of = (who: SignedIn) => body.people.find((p) => p.id === who.userId)?.modules[0];
    expect(of(finished)).toMatchObject({ sectionsRead: 2, questionsAnswered: 1, questionsRightFirstTime: 1, questionsSettled: 1, completedAt: '2026-03-02T10:00:00.000Z' });
    expect(of(struggling)).toMatchObject({ sectionsRead: 2, questionsAnswered: 1, questionsRightFirstTime: 0, questionsSettled: 0, completedAt: null });
    expect(of(admin)).toMatchObject({ sectionsRead: 0, questionsAnswered: 0, completedAt: null, lastActivityAt: null });
    expect(body.people.find((p) => p.id === struggling.userId)?.roles).toEqual([{ desk: { slug: 'main', name: 'Haven' }, role: 'handler' }]);
  });

  it('shows an admin the staff of the desks they administer, with their roles there, and nobody else', async () => {
    const events = await makeDesk(t, { slug: 'events', name: 'Events team' });
    const eventsAdmin = await makeStaff(t, { role: 'admin', desk: events });
    const eventsHandler = await makeStaff(t, { role: 'handler', desk: events });
    const mainHandler = await makeStaff(t, { role: 'handler' });
    // Handler of main and reviewer of events: an events admin sees the reviewer only.
    const onBoth = await makeStaff(t, { role: 'handler' });
    await grantRole(t, onBoth, events, 'reviewer');
    const people = async (who: SignedIn) => TeamTrainingResponse.parse((await progress(who)).json<TeamTraining>()).people;
    const seenByEvents = await people(await signInStaff(t, eventsAdmin));
    expect(seenByEvents.map((p) => [p.username, p.roles.map((r) => `${r.role} on ${r.desk.slug}`)]).sort()).toEqual([
      [eventsAdmin.username, ['admin on events']], [eventsHandler.username, ['handler on events']], [onBoth.username, ['reviewer on events']],
    ].sort());
    expect(seenByEvents.map((p) => p.id)).not.toContain(mainHandler.id);
    // Admin of events and handler of main: still only the events team.
    await grantRole(t, eventsAdmin, 'main', 'handler');
    expect((await people(await signInStaff(t, eventsAdmin))).map((p) => p.id)).not.toContain(mainHandler.id);
    // A handler of main who administers nothing sees no team at all.
    expect((await progress(await signInStaff(t, mainHandler))).statusCode).toBe(403);
  });
});
