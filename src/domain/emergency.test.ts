import { describe, expect, it } from 'vitest';
import {
  alertRecipients, decideAutoForward, decideFallback, floodMatch, floodText, isRotaSlot, onDutyNow, raisesEmergencyAlert,
  FLOOD_WINDOW_MS, type DutyMember, type RotaSlot,
} from './emergency.js';

const monday9 = new Date('2026-05-04T09:00:00.000Z');

describe('emergency rules', () => {
  it('raises an alert for the reporter\'s word or a category of threat, and for nothing else', () => {
    expect(raisesEmergencyAlert({ category: 'hounding', immediateDanger: true })).toBe(true);
    expect(raisesEmergencyAlert({ category: 'threat_of_violence', immediateDanger: false })).toBe(true);
    expect(raisesEmergencyAlert({ category: 'self_harm', immediateDanger: false })).toBe(true);
    expect(raisesEmergencyAlert({ category: 'personal_information', immediateDanger: false })).toBe(false);
  });

  const members: DutyMember[] = [
    { id: 'esc-avail', role: 'escalation', availability: 'available' },
    { id: 'esc-rota', role: 'escalation', availability: 'rota' },
    { id: 'esc-away', role: 'escalation', availability: 'away' },
    { id: 'handler-avail', role: 'handler', availability: 'available' },
    { id: 'admin', role: 'admin', availability: 'rota' },
  ];
  const rota: RotaSlot[] = [
    { staffId: 'esc-rota', weekday: 1, startMinute: 8 * 60, endMinute: 10 * 60 },
    { staffId: 'esc-away', weekday: 1, startMinute: 0, endMinute: 1440 },
  ];

  it('puts on duty those who said they are available, and those the rota names who did not say they are away', () => {
    expect(onDutyNow(members, rota, false, monday9)).toEqual(['esc-avail', 'esc-rota']);
    expect(onDutyNow(members, rota, false, new Date('2026-05-04T10:00:00.000Z'))).toEqual(['esc-avail']);
    // Only escalation, unless the desk says any role may be on duty.
    expect(onDutyNow(members, rota, true, monday9)).toEqual(['esc-avail', 'esc-rota', 'handler-avail']);
  });

  it('alerts whoever is on duty, and with nobody on duty every escalation member and admin', () => {
    expect(alertRecipients(members, rota, false, monday9)).toEqual(['esc-avail', 'esc-rota']);
    const nobody = members.map((m) => ({ ...m, availability: 'away' as const }));
    expect(alertRecipients(nobody, rota, false, monday9)).toEqual(['esc-avail', 'esc-rota', 'esc-away', 'admin']);
  });

  it('accepts rota slots within one day only', () => {
    expect(isRotaSlot({ weekday: 0, startMinute: 0, endMinute: 1440 })).toBe(true);
    expect(isRotaSlot({ weekday: 7, startMinute: 0, endMinute: 60 })).toBe(false);
    expect(isRotaSlot({ weekday: 1, startMinute: 60, endMinute: 60 })).toBe(false);
  });

  it('groups an alert with an earlier one of the same source or text within the window only', () => {
    const first = { id: 'a1', groupId: null, raisedAt: monday9, sourceKey: 'src', textKey: 'txt' };
    const soon = new Date(monday9.getTime() + 60_000);
    expect(floodMatch({ sourceKey: 'src', textKey: 'other', raisedAt: soon }, [first])).toEqual({ groupId: 'a1', reason: 'same_source' });
    expect(floodMatch({ sourceKey: null, textKey: 'txt', raisedAt: soon }, [first])).toEqual({ groupId: 'a1', reason: 'same_text' });
    expect(floodMatch({ sourceKey: null, textKey: 'other', raisedAt: soon }, [first])).toBeNull();
    const late = new Date(monday9.getTime() + FLOOD_WINDOW_MS + 1);
    expect(floodMatch({ sourceKey: 'src', textKey: 'txt', raisedAt: late }, [first])).toBeNull();
    // A member of a wave leads to the wave's first alert.
    expect(floodMatch({ sourceKey: 'src', textKey: 'x', raisedAt: soon }, [{ ...first, id: 'a2', groupId: 'a1' }])?.groupId).toBe('a1');
  });

  it('reduces text to its words, so copies that differ in digits and punctuation match', () => {
    expect(floodText('I WILL find you!!! 42')).toBe(floodText('i will find you... 7'));
    expect(floodText('I will find you')).not.toBe(floodText('I will find them'));
  });

  it('forwards only an unacknowledged, unforwarded, unheld alert of a desk with a contact; falls back only without a confirmation', () => {
    const open = { acknowledgedAt: null, forwardedAt: null, held: false, hasContact: true };
    expect(decideAutoForward(open)).toBe('forward');
    expect(decideAutoForward({ ...open, acknowledgedAt: monday9 })).toBe('acknowledged');
    expect(decideAutoForward({ ...open, forwardedAt: monday9 })).toBe('already_forwarded');
    expect(decideAutoForward({ ...open, held: true })).toBe('held');
    expect(decideAutoForward({ ...open, hasContact: false })).toBe('no_contact');
    const waiting = { confirmedAt: null, fallbackAt: null, hasFallback: true };
    expect(decideFallback(waiting)).toBe('send');
    expect(decideFallback({ ...waiting, confirmedAt: monday9 })).toBe('confirmed');
    expect(decideFallback({ ...waiting, fallbackAt: monday9 })).toBe('already_sent');
    expect(decideFallback({ ...waiting, hasFallback: false })).toBe('no_contact');
  });
});
