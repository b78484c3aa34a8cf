import { describe, expect, it } from 'vitest';
import { filtersFromQuery, queryFromFilters } from './queue-filters';

describe('queue filters in the address bar', () => {
  it('keeps a desk only when it is one of the user\'s own', () => {
    const query = new URLSearchParams('desk=events&status=new&category=hate');
    expect(filtersFromQuery(query, ['main', 'events'])).toEqual({ desk: 'events', status: 'new', category: 'hate' });
    expect(filtersFromQuery(query, ['main']).desk).toBeUndefined();
    // Someone on one desk is never shown a desk filter, so a desk in an old link is dropped.
    expect(filtersFromQuery(query).desk).toBeUndefined();
  });

  it('reads and writes the linked-cases filter, and ignores any other value of it', () => {
    expect(filtersFromQuery(new URLSearchParams('linked=true&status=new')).linked).toBe('true');
    expect(filtersFromQuery(new URLSearchParams('linked=yes')).linked).toBeUndefined();
    expect(queryFromFilters({ status: 'new', linked: 'true' }).toString()).toBe('status=new&linked=true');
  });

  it('writes back what it read, desk first', () => {
    expect(queryFromFilters({ desk: 'events', status: 'waiting', category: undefined }).toString()).toBe('desk=events&status=waiting');
    expect(queryFromFilters({ desk: undefined, status: undefined, category: undefined }).toString()).toBe('');
  });
});
