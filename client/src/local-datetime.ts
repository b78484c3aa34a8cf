// Conversions between an <input type="datetime-local"> value (a wall-clock time with no zone)
// and an ISO 8601 instant with its offset. Pure: callers pass the zone (undefined means the
// browser's own), so tests can pin any zone, daylight saving included.

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;
const MINUTE_MS = 60_000;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Minutes east of UTC in `timeZone` at `instantMs` (+60 for Berlin in winter). */
export function zoneOffsetMinutes(instantMs: number, timeZone?: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instantMs);
  const field = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const wallMs = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  const wholeSecondMs = Math.floor(instantMs / 1000) * 1000;
  return Math.round((wallMs - wholeSecondMs) / MINUTE_MS);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The wall-clock fields of an instant in a zone, as milliseconds of a UTC date. */
function wallClockMs(instantMs: number, timeZone?: string): number {
  return instantMs + zoneOffsetMinutes(instantMs, timeZone) * MINUTE_MS;
}

/**
 * Turns a datetime-local value ("2026-03-10T14:30") into an ISO 8601 time with the zone's
 * offset ("2026-03-10T14:30:00+01:00"); null when the value is not a real date and time.
 * A time skipped by a daylight-saving change moves forward by the gap, as browsers do;
 * a time that happens twice resolves to one of the two, and the offset says which.
 */
export function localInputToIso(value: string, timeZone?: string): string | null {
  const match = LOCAL_INPUT.exec(value.trim());
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? '0')) as [
    number, number, number, number, number, number,
  ];
  if (year < 1000 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 February over into March; a real date survives the round trip.
  if (new Date(wallMs).getUTCDate() !== day) return null;
  // The offset depends on the instant we are looking for; two steps settle it across a change.
  const guess = wallMs - zoneOffsetMinutes(wallMs, timeZone) * MINUTE_MS;
  const instantMs = wallMs - zoneOffsetMinutes(guess, timeZone) * MINUTE_MS;
  const offset = zoneOffsetMinutes(instantMs, timeZone);
  const wall = new Date(instantMs + offset * MINUTE_MS).toISOString().slice(0, 19);
  return `${wall}${formatOffset(offset)}`;
}

/** An instant as a datetime-local value in the zone ("2026-03-10T14:30"), for min and max. */
export function isoToLocalInput(instant: Date, timeZone?: string): string {
  return new Date(wallClockMs(instant.getTime(), timeZone)).toISOString().slice(0, 16);
}

/** The browser's time zone name ("Europe/Berlin"), to say which zone the input uses. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
