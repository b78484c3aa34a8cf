import { describe, expect, it } from 'vitest';
import { readFieldErrors } from './field-errors';

describe('readFieldErrors', () => {
  it('reads the server list of paths and messages, first message per field', () => {
    expect(readFieldErrors([
      { path: 'body', message: 'Write a reply.' },
      { path: 'promiseUpdateBy', message: 'Must be in the future.' },
      { path: 'body', message: 'Too long.' },
    ])).toEqual({ body: 'Write a reply.', promiseUpdateBy: 'Must be in the future.' });
  });

  it('reads a map of field to message too', () => {
    expect(readFieldErrors({ partyId: 'Unknown party.' })).toEqual({ partyId: 'Unknown party.' });
  });

  it('skips malformed entries and keeps odd names as plain names', () => {
    expect(readFieldErrors([null, 'body', { path: 1, message: 'x' }, { path: '__proto__', message: 'odd' }])).toEqual(
      Object.fromEntries([['__proto__', 'odd']]),
    );
    expect(readFieldErrors(undefined)).toEqual({});
    expect(readFieldErrors('nope')).toEqual({});
  });
});
