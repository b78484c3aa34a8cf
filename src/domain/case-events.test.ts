import { describe, expect, it } from 'vitest';
import {
  CASE_EVENTS, CASE_EVENT_TYPES, REMINDER_CLOCKS, REMINDER_EVENT_TYPES, REMINDER_STAGES, eventFields, isCaseEventType,
  reminderEventType,
} from './case-events.js';
import { decideReminder } from './update-promises.js';

describe('the case event vocabulary', () => {
  it('has one reminder event per clock and stage, all of them in the vocabulary', () => {
    expect(REMINDER_EVENT_TYPES).toHaveLength(REMINDER_CLOCKS.length * REMINDER_STAGES.length);
    expect(new Set(REMINDER_EVENT_TYPES).size).toBe(REMINDER_EVENT_TYPES.length);
    for (const clock of REMINDER_CLOCKS) {
      for (const stage of REMINDER_STAGES) {
        const type = reminderEventType(clock, stage);
        expect(type).toBe(`${clock}_${stage}`);
        expect(CASE_EVENT_TYPES).toContain(type);
        expect(eventFields(type)).toEqual([{ name: 'dueAt', kind: 'instant', optional: false }]);
      }
    }
  });

  it('names only vocabulary events in what a reminder decides', () => {
    const dueAt = new Date('2026-05-04T09:00:00.000Z');
    for (const clock of REMINDER_CLOCKS) {
      for (const stage of REMINDER_STAGES) {
        const decision = decideReminder({ clock, stage, dueAt }, {
          isOpen: true, firstResponded: false, urgentAt: dueAt, assigneeId: null, waiting: clock === 'waiting_silence',
        });
        expect(decision.act && isCaseEventType(decision.eventType)).toBe(true);
      }
    }
  });

  it('lists each type once, in the order of the vocabulary', () => {
    expect(CASE_EVENT_TYPES).toEqual(Object.keys(CASE_EVENTS));
    expect(new Set(CASE_EVENT_TYPES).size).toBe(CASE_EVENT_TYPES.length);
  });

  it('reads field kinds and optional fields from the vocabulary', () => {
    expect(eventFields('report_received')).toEqual([]);
    expect(eventFields('status_changed')).toEqual([
      { name: 'from', kind: 'status', optional: false },
      { name: 'to', kind: 'status', optional: false },
      { name: 'outcome', kind: 'outcome', optional: true },
    ]);
    expect(eventFields('case_taken_over')).toEqual([{ name: 'from', kind: 'staff', optional: false }]);
  });

  it('knows its own types and nothing else, not even inherited names', () => {
    for (const type of CASE_EVENT_TYPES) expect(isCaseEventType(type)).toBe(true);
    for (const other of ['message_sent', '', 'toString', 'constructor', '__proto__']) expect(isCaseEventType(other)).toBe(false);
  });
});
