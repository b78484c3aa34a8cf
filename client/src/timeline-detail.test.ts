import { describe, expect, it } from 'vitest';
import catalog from '../../messages/en.json';
import { CASE_EVENT_TYPES, REMINDER_EVENT_TYPES, eventFields, type CaseEvent } from '../../src/domain/case-events.js';
import { CASE_STATUSES, OUTCOMES } from '../../src/domain/case-lifecycle.js';
import { PARTY_ROLES } from '../../src/domain/case-parts.js';
import type { CaseMessage } from './api';
import { formatDateTime } from './format-time';
import { t } from './i18n';
import { sayEventDetail } from './timeline-detail';

const desk: Readonly<Record<string, string>> = catalog.console;
const email: Readonly<Record<string, string>> = catalog.email;
const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

// Adding an event type means one entry in the vocabulary and its messages; these fail until they exist.
describe('every case event has its words in the catalog', () => {
  it.each(CASE_EVENT_TYPES)('%s has a console label, and a detail message made of its own fields', (type) => {
    expect(desk[`timeline.type.${type}`], `console timeline.type.${type}`).toEqual(expect.any(String));
    const fields = eventFields(type).map((f) => f.name);
    const detail = desk[`timeline.detail.${type}`];
    if (fields.length === 0) {
      expect(detail, `console timeline.detail.${type} (it has no fields)`).toBeUndefined();
    } else {
      expect(detail, `console timeline.detail.${type}`).toEqual(expect.any(String));
      expect(placeholders(detail ?? '').length).toBeGreaterThan(0);
      for (const name of placeholders(detail ?? '')) expect(fields, `a placeholder of timeline.detail.${type}`).toContain(name);
    }
  });

  it('has no timeline message for a type the vocabulary does not have', () => {
    const types = Object.keys(desk).flatMap((key) => /^timeline\.(?:type|detail)\.(.+)$/.exec(key)?.slice(1) ?? []);
    for (const type of types) expect(CASE_EVENT_TYPES, `timeline messages for ${type}`).toContain(type);
  });

  it.each(REMINDER_EVENT_TYPES)('%s has a reminder email subject and body', (type) => {
    expect(email[`reminder.subject.${type}`]).toEqual(expect.any(String));
    expect(email[`reminder.body.${type}`]).toEqual(expect.any(String));
  });

  it('has a console label for every status, outcome and party role a detail can name', () => {
    for (const status of CASE_STATUSES) expect(desk[`status.${status}`]).toEqual(expect.any(String));
    for (const outcome of OUTCOMES) expect(desk[`outcome.${outcome}`]).toEqual(expect.any(String));
    for (const role of PARTY_ROLES) expect(desk[`partyRole.${role}`]).toEqual(expect.any(String));
  });
});

describe('sayEventDetail', () => {
  const at = '2026-05-04T09:00:00.000Z';
  const messages: CaseMessage[] = [{
    id: 'm1', partyId: 'p1', direction: 'from_party', author: { kind: 'reporter' }, body: 'He wrote again.', createdAt: at, promisedUpdateBy: null,
    templateId: null, boilerplateConfirmed: false, promise: null,
  }];
  const say = (event: CaseEvent, list = messages) =>
    sayEventDetail({ id: 'e1', at, actor: { kind: 'staff', username: 'alice' }, ...event }, list);

  it('says nothing for an event without a detail', () => {
    expect(say({ type: 'report_received', detail: null })).toBeNull();
    expect(say({ type: 'case_assigned', detail: null })).toBeNull();
  });

  it('says each field by its kind, in the type\'s own message', () => {
    const date = formatDateTime(at, 'en') ?? '';
    expect(say({ type: 'status_changed', detail: { from: 'new', to: 'acknowledged' } }))
      .toBe(t('timeline.detail.status_changed', { from: t('status.new'), to: t('status.acknowledged') }));
    expect(say({ type: 'reply_sent', detail: { partyRole: 'reporter' } })).toBe(t('timeline.detail.reply_sent', { partyRole: t('partyRole.reporter') }));
    expect(say({ type: 'update_promised', detail: { promisedBy: at } })).toBe(t('timeline.detail.update_promised', { promisedBy: date }));
    expect(say({ type: 'check_in_overdue', detail: { dueAt: at } })).toBe(t('timeline.detail.check_in_overdue', { dueAt: date }));
    expect(say({ type: 'case_taken_over', detail: { from: { id: 's1', username: 'bob' } } })).toBe(t('timeline.detail.case_taken_over', { from: 'bob' }));
    expect(say({ type: 'reporter_added_information', detail: { messageId: 'm1', links: 2 } })).toContain('He wrote again.');
  });

  it('leaves no placeholder unfilled for any event type', () => {
    const good = { instant: at, status: 'waiting', outcome: 'referred', partyRole: 'target', staff: { id: 's1', username: 'bob' }, message: 'm1', count: 3 };
    for (const type of CASE_EVENT_TYPES) {
      const fields = eventFields(type);
      const detail = fields.length === 0 ? null : Object.fromEntries(fields.map((f) => [f.name, good[f.kind]]));
      const said = say({ type, detail } as CaseEvent);
      if (detail === null) expect(said).toBeNull();
      else expect(said, type).not.toMatch(/[{}]/);
    }
  });

  it('says nothing rather than an id when the message it points to is not on the case', () => {
    expect(say({ type: 'reporter_added_information', detail: { messageId: 'gone', links: 0 } }, [])).toBeNull();
  });
});
