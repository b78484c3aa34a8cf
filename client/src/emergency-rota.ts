import type { EmergencySettingsBody } from './api';

type Slot = EmergencySettingsBody['rota'][number];

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const LINE = /^(\S+)\s+(sun|mon|tue|wed|thu|fri|sat)\s+(\d{2}:\d{2})-(\d{2}:\d{2})$/i;

/** The rota as the settings form shows it: one slot per line, "username weekday HH:MM-HH:MM" (UTC). */
export function formatRota(rota: readonly Slot[]): string {
  return rota.map((s) => `${s.username} ${WEEKDAYS[s.weekday] ?? '?'} ${s.start}-${s.end}`).join('\n');
}

/** Reads the form's rota text back; the numbers (1-based) of lines that are not slots, when any. */
export function parseRota(text: string): { rota: Slot[] } | { badLines: number[] } {
  const rota: Slot[] = [];
  const badLines: number[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const match = LINE.exec(line);
    const weekday = match === null ? -1 : WEEKDAYS.indexOf((match[2] ?? '').toLowerCase() as (typeof WEEKDAYS)[number]);
    if (match === null || weekday < 0) {
      badLines.push(index + 1);
      return;
    }
    rota.push({ username: match[1] ?? '', weekday, start: match[3] ?? '', end: match[4] ?? '' });
  });
  return badLines.length > 0 ? { badLines } : { rota };
}
