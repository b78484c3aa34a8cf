import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe('newId', () => {
  it('writes a version-7, RFC 4122 variant UUID whose first 48 bits are the millisecond', () => {
    const at = Date.UTC(2026, 10, 25, 12, 0, 0);
    const id = newId(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('keeps ids made in one millisecond in creation order, and never repeats one', () => {
    const at = Date.UTC(2026, 10, 25, 12, 0, 1);
    const ids = Array.from({ length: 500 }, () => newId(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
