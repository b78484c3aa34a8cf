import { describe, expect, it } from 'vitest';
import { CASE_EVENT_TYPES, eventFields, type CaseEventType, type EventFieldKind } from '../domain/case-events.js';
import { EVENT_DETAIL_SCHEMAS, parseEventDetail } from './case-event-details.js';
import { TimelineEntry } from './api/case-events.js';

const GOOD: Record<EventFieldKind, unknown> = {
  instant: '2026-05-04T09:00:00.000Z', status: 'investigating', outcome: 'referred', partyRole: 'reporter',
  staff: { id: 'staff-1', username: 'alice' }, message: 'message-1', count: 2, waitingOn: 'reporter',
  category: 'hate', severity: 'high', venue: 'private_review', text: 'A reason.', decision: 'approve',
};
const BAD: Record<EventFieldKind, unknown> = {
  instant: 'next Tuesday', status: 'archived', outcome: 'solved', partyRole: 'bystander',
  staff: { id: 'staff-1' }, message: '', count: -1, waitingOn: 'nobody',
  category: 'rudeness', severity: 'urgent', venue: 'Private Review', text: '', decision: 'maybe',
};

/** A detail of `type` with every field (optional ones too) set to a good value of its kind. */
function sample(type: CaseEventType): Record<string, unknown> | null {
  const fields = eventFields(type);
  return fields.length === 0 ? null : Object.fromEntries(fields.map((f) => [f.name, GOOD[f.kind]]));
}

describe('event detail schemas', () => {
  it.each(CASE_EVENT_TYPES)('accept a %s detail with every field, and without its optional ones', (type) => {
    const detail = sample(type);
    expect(parseEventDetail(type, detail)).toEqual(detail);
    const required = detail === null ? null
      : Object.fromEntries(eventFields(type).filter((f) => !f.optional).map((f) => [f.name, GOOD[f.kind]]));
    expect(parseEventDetail(type, required)).toEqual(required);
  });

  it.each(CASE_EVENT_TYPES)('refuse a %s detail with a wrong, missing or extra field', (type) => {
    const fields = eventFields(type);
    if (fields.length === 0) {
      expect(() => parseEventDetail(type, {})).toThrow(new RegExp(type));
      expect(() => parseEventDetail(type, 'a sentence')).toThrow();
      return;
    }
    for (const field of fields) {
      expect(() => parseEventDetail(type, { ...sample(type), [field.name]: BAD[field.kind] })).toThrow(new RegExp(type));
      const without = Object.fromEntries(Object.entries(sample(type) ?? {}).filter(([name]) => name !== field.name));
      if (!field.optional) expect(() => parseEventDetail(type, without)).toThrow();
    }
    expect(() => parseEventDetail(type, { ...sample(type), extra: 1 })).toThrow();
    expect(() => parseEventDetail(type, null)).toThrow();
    // The old stored form, an English sentence, is not a detail.
    expect(EVENT_DETAIL_SCHEMAS[type].safeParse('new → acknowledged').success).toBe(false);
  });
});

describe('the timeline entry schema', () => {
  const entry = (type: string, detail: unknown) => ({ id: 'e1', type, at: '2026-05-04T09:00:00.000Z', actor: { kind: 'system' }, detail });

  it.each(CASE_EVENT_TYPES)('takes a %s entry with its own detail', (type) => {
    expect(TimelineEntry.parse(entry(type, sample(type)))).toEqual(entry(type, sample(type)));
  });

  it('refuses an unknown type, or a detail that belongs to another type', () => {
    expect(TimelineEntry.safeParse(entry('note_added', null)).success).toBe(false);
    expect(TimelineEntry.safeParse(entry('reply_sent', sample('update_promised'))).success).toBe(false);
    expect(TimelineEntry.safeParse(entry('report_received', sample('reply_sent'))).success).toBe(false);
    expect(TimelineEntry.safeParse({ ...entry('report_received', null), actor: { kind: 'robot' } }).success).toBe(false);
  });
});
