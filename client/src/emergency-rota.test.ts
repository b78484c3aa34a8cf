import { describe, expect, it } from 'vitest';
import { formatRota, parseRota } from './emergency-rota';

describe('the rota as the settings form writes it', () => {
  it('reads slots back as it formats them', () => {
    const rota = [{ username: 'sam', weekday: 1, start: '08:00', end: '16:00' }, { username: 'kit', weekday: 0, start: '00:00', end: '24:00' }];
    expect(formatRota(rota)).toBe('sam mon 08:00-16:00\nkit sun 00:00-24:00');
    expect(parseRota(formatRota(rota))).toEqual({ rota });
  });

  it('names the lines that are not slots, skipping empty ones', () => {
    expect(parseRota('sam mon 08:00-16:00\n\nkit someday 09:00-10:00\nalex tue 9-10')).toEqual({ badLines: [3, 4] });
    expect(parseRota('  \n')).toEqual({ rota: [] });
  });
});
