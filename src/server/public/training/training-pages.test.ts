import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createTestApp, signInAs, testDialects, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js';
import { translator } from '../../../services/i18n.js';

const FIXTURES = fileURLToPath(new URL('../../../../tests/fixtures/training/catalog', import.meta.url));
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const t = translator('public', 'en');

function escaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function csrfOf(page: string): string {
  const token = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
  if (token === undefined) throw new Error('the page has no CSRF field');
  return token;
}

describe.each(testDialects())('training pages on %s', (dialect) => {
  let app: TestApp;
  beforeAll(async () => { app = await createTestApp(dialect, { trainingDir: FIXTURES }); });
  afterAll(async () => { await app.close(); });

  async function get(url: string, who?: SignedIn, headers: Record<string, string> = {}) {
    return app.app.inject({ method: 'GET', url, headers: { ...headers, ...(who === undefined ? {} : { cookie: who.cookie }) } });
  }

  async function answer(choice: string | null, who?: SignedIn, csrf?: string) {
    const fields: Record<string, string> = { question: 'friday-report', ...(choice === null ? {} : { choice }), ...(csrf === undefined ? {} : { csrf }) };
    return app.app.inject({ method: 'POST', url: '/training/replying-well/first-reply/answers', headers: { ...FORM, ...(who === undefined ? {} : { cookie: who.cookie }) }, payload: new URLSearchParams(fields).toString() });
  }

  it('lists the modules for anyone, with no script and the strict CSP', async () => {
    const response = await get('/training');
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['content-security-policy'])).not.toContain('unsafe-inline');
    expect(response.body.toLowerCase()).not.toContain('<script');
    expect(response.body).toContain('<a href="/training/replying-well/why">Replying well</a>');
    expect(response.body).toContain(`${t('training.meta.minutes.other', { count: 5 })} · ${t('training.meta.tabs.other', { count: 2 })} · ${t('training.meta.questions.one', { count: 1 })}`);
    expect(response.body).toContain(escaped(t('training.reader.anonymous')));
  });

  it('shows a tab with every tab as a link, "tab 1 of 2", and content that cannot inject markup', async () => {
    expect((await get('/training/replying-well')).headers.location).toBe('/training/replying-well/why');
    const page = (await get('/training/replying-well/why')).body;
    expect(page).toContain(escaped(t('training.tabs.position', { current: 1, total: 2 })));
    expect(page).toMatch(/<a href="\/training\/replying-well\/why" aria-current="page">/);
    expect(page).toContain('<a href="/training/replying-well/first-reply">');
    expect(page.toLowerCase()).not.toContain('<script');
    expect(page).not.toContain('href="javascript:');
    expect(page).toContain('&lt;script&gt;alert(&quot;tab&quot;)&lt;/script&gt;');
    expect(page).toContain('<a href="https://example.org/guide">ordinary link</a>');
    expect((await get('/training/replying-well/nope')).statusCode).toBe(404);
    expect((await get('/training/nope')).statusCode).toBe(404);
  });

  it('answers an anonymous reader with the chosen explanation and all the others, and stores nothing', async () => {
    const posted = await answer('a');
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe('/training/replying-well/first-reply?question=friday-report&choice=a#answer-friday-report');
    const page = (await get(String(posted.headers.location))).body;
    expect(page).toContain(escaped(t('training.answer.notBest')));
    expect(page).toContain('A weekend of silence tells the person that nobody is listening.');
    expect(page).toMatch(/<details class="all-explanations">[\s\S]*names a date you can keep[\s\S]*says nothing about what happens next/);
    expect(page).toMatch(/value="a" checked>/);
    const missing = await answer(null);
    expect(missing.headers.location).toBe('/training/replying-well/first-reply?question=friday-report&missing=1#question-friday-report');
    expect((await get(String(missing.headers.location))).body).toContain(escaped(t('training.question.missing')));
    expect(await app.ctx.db.selectFrom('training_answers').select('question_id').execute()).toEqual([]);
    // A question of another tab, or none at all, is not answered here.
    const elsewhere = await app.app.inject({ method: 'POST', url: '/training/replying-well/why/answers', headers: FORM, payload: 'question=friday-report&choice=b' });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('records a signed-in handler\'s reading and answers, first try and latest, and completion', async () => {
    const handler = await signInAs(app, 'handler');
    const other = await signInAs(app, 'handler');
    const first = await get('/training/replying-well/why', handler);
    expect(first.body).toContain(escaped(t('training.reader.signedIn', { username: handler.username })));
    const csrf = csrfOf((await get('/training/replying-well/first-reply', handler)).body);
    expect((await answer('a', handler, csrf)).statusCode).toBe(303);
    expect((await answer('b', handler, csrf)).statusCode).toBe(303);
    expect((await answer('c', handler, csrf)).statusCode).toBe(303);
    const [row] = await app.ctx.db.selectFrom('training_answers').selectAll().where('staff_id', '=', handler.userId).execute();
    expect(row).toMatchObject({ first_option: 'a', first_correct: 0, latest_option: 'c', latest_correct: 0, attempts: 3 });
    expect(row?.best_chosen_at).not.toBeNull();
    const done = await get('/training/replying-well/first-reply', handler);
    expect(done.body).toContain(escaped(t('training.complete')));
    expect(done.body).toMatch(/value="c" checked>/);
    expect((await get('/training', handler)).body).toContain(`</strong> ${t('training.progress.complete')}</p>`);
    // Another person's progress is their own.
    expect((await get('/training', other)).body).toContain(`</strong> ${t('training.progress.notStarted')}</p>`);
    expect(await app.ctx.db.selectFrom('training_progress').select('completed_at').where('staff_id', '=', other.userId).execute()).toEqual([]);
  });

  it('refuses a signed-in handler\'s answer without the session\'s token, and stores nothing', async () => {
    const handler = await signInAs(app, 'handler');
    for (const csrf of [undefined, 'not-the-token']) {
      const response = await answer('b', handler, csrf);
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain(escaped(t('training.csrf')));
    }
    expect(await app.ctx.db.selectFrom('training_answers').select('question_id').where('staff_id', '=', handler.userId).execute()).toEqual([]);
  });

  it('shows a translated tab in the reader\'s language, right to left, and keeps the choice on links', async () => {
    const page = (await get('/training/replying-well/first-reply', undefined, { 'accept-language': 'ar, en;q=0.5' })).body;
    expect(page).toMatch(/<article class="section" lang="ar" dir="rtl"/);
    expect(page).toContain('ماذا ترسل أولاً؟');
    // The interface's own words stay English, left to right, inside the Arabic section.
    expect(page).toContain(`<button type="submit" lang="en" dir="ltr">${t('training.question.submit')}</button>`);
    // The first tab has no Arabic text: English, left to right.
    expect((await get('/training/replying-well/why', undefined, { 'accept-language': 'ar' })).body).toMatch(/<article class="section" lang="en" dir="ltr"/);
    const chosen = (await get('/training/replying-well/first-reply?lang=ar')).body;
    expect(chosen).toContain('href="/training/replying-well/why?lang=ar"');
    expect(chosen).toContain('<input type="hidden" name="lang" value="ar">');
    expect((await get('/training/replying-well/first-reply?lang=en', undefined, { 'accept-language': 'ar' })).body).toMatch(/<article class="section" lang="en"/);
  });
});
