// Pure time formatting for the console: no clock reads (callers pass `now`).

/** Units the console counts time in, largest first. */
export type TimeUnit = 'day' | 'hour' | 'minute' | 'second';

const UNIT_SECONDS: ReadonlyArray<readonly [TimeUnit, number]> = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** A span expressed in the largest whole unit that fits, rounded down. */
export function largestUnit(milliseconds: number): { value: number; unit: TimeUnit } {
  // Rounding down never overstates: "due in 1 hour" is never really 40 minutes.
  const seconds = Math.floor(Math.abs(milliseconds) / 1000);
  for (const [unit, size] of UNIT_SECONDS) {
    if (seconds >= size) return { value: Math.floor(seconds / size), unit };
  }
  return { value: 0, unit: 'second' };
}

/** How long a span lasts: "3 hours", "2 days". */
export function formatDuration(milliseconds: number, locale: string): string {
  const { value, unit } = largestUnit(milliseconds);
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** How long ago `since` was: "3 hours" (never negative). Null for an invalid date. */
export function formatElapsed(since: string, now: Date, locale: string): string | null {
  const ms = now.getTime() - Date.parse(since);
  return Number.isFinite(ms) ? formatDuration(Math.max(0, ms), locale) : null;
}

/** A moment relative to now: "in 40 minutes", "2 days ago". Null for an invalid date. */
export function formatRelative(moment: string, now: Date, locale: string): string | null {
  const ms = Date.parse(moment) - now.getTime();
  if (!Number.isFinite(ms)) return null;
  const { value, unit } = largestUnit(ms);
  return new Intl.RelativeTimeFormat(locale, { numeric: 'always' }).format(ms < 0 ? -value : value, unit);
}

/** A calendar date and time: "Jan 5, 2026, 3:04 PM". Null for an invalid date. */
export function formatDateTime(moment: string, locale: string, timeZone?: string): string | null {
  const ms = Date.parse(moment);
  if (!Number.isFinite(ms)) return null;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(ms);
}
