import { describe, expect, it } from 'vitest';
import { isoToLocalInput, localInputToIso, zoneOffsetMinutes } from './local-datetime';

describe('zoneOffsetMinutes', () => {
  it('reads the offset of a zone at an instant, daylight saving included', () => {
    expect(zoneOffsetMinutes(Date.parse('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(60);
    expect(zoneOffsetMinutes(Date.parse('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(120);
    expect(zoneOffsetMinutes(Date.parse('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-240);
    expect(zoneOffsetMinutes(Date.parse('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
    expect(zoneOffsetMinutes(Date.parse('2026-07-15T12:00:00.999Z'), 'UTC')).toBe(0);
  });
});

describe('localInputToIso', () => {
  it('adds the zone offset to a wall-clock time', () => {
    expect(localInputToIso('2026-03-10T14:30', 'Europe/Berlin')).toBe('2026-03-10T14:30:00+01:00');
    expect(localInputToIso('2026-07-10T14:30', 'Europe/Berlin')).toBe('2026-07-10T14:30:00+02:00');
    expect(localInputToIso('2026-07-10T09:05', 'America/New_York')).toBe('2026-07-10T09:05:00-04:00');
    expect(localInputToIso('2026-07-10T09:05', 'Asia/Kolkata')).toBe('2026-07-10T09:05:00+05:30');
    expect(localInputToIso('2026-07-10T09:05', 'UTC')).toBe('2026-07-10T09:05:00+00:00');
  });

  it('names the same instant the wall clock showed', () => {
    const iso = localInputToIso('2026-11-30T23:45', 'America/Los_Angeles');
    expect(new Date(iso ?? '').toISOString()).toBe('2026-12-01T07:45:00.000Z');
  });

  it('keeps seconds when the input has them and ignores fractions', () => {
    expect(localInputToIso('2026-03-10T14:30:15', 'UTC')).toBe('2026-03-10T14:30:15+00:00');
    expect(localInputToIso('2026-03-10T14:30:15.250', 'UTC')).toBe('2026-03-10T14:30:15+00:00');
  });

  it('moves a time skipped by a daylight-saving change forward by the gap', () => {
    // Berlin jumps from 02:00 to 03:00 on 29 March 2026.
    expect(localInputToIso('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T03:30:00+02:00');
  });

  it('resolves a time that happens twice to one real instant', () => {
    // Berlin goes from 03:00 back to 02:00 on 25 October 2026.
    const iso = localInputToIso('2026-10-25T02:30', 'Europe/Berlin');
    expect(['2026-10-25T02:30:00+02:00', '2026-10-25T02:30:00+01:00']).toContain(iso);
  });

  it('uses the browser zone when none is given', () => {
    // The tests run with TZ=UTC.
    expect(localInputToIso('2026-03-10T14:30')).toBe('2026-03-10T14:30:00+00:00');
  });

  it('refuses values that are not a real date and time', () => {
    for (const value of ['', '2026-03-10', '14:30', '2026-02-30T10:00', '2026-13-01T10:00', '2026-03-10T24:00', '2026-03-10T10:60', '0999-01-01T00:00', 'soon']) {
      expect(localInputToIso(value, 'UTC'), value).toBeNull();
    }
  });
});

describe('isoToLocalInput', () => {
  it('writes an instant as the zone shows it, to the minute', () => {
    expect(isoToLocalInput(new Date('2026-03-10T13:30:59Z'), 'Europe/Berlin')).toBe('2026-03-10T14:30');
    expect(isoToLocalInput(new Date('2026-03-10T13:30:00Z'), 'UTC')).toBe('2026-03-10T13:30');
  });

  it('round-trips with localInputToIso', () => {
    const value = isoToLocalInput(new Date('2026-08-01T08:15:00Z'), 'Asia/Kolkata');
    expect(localInputToIso(value, 'Asia/Kolkata')).toBe('2026-08-01T13:45:00+05:30');
  });
});
