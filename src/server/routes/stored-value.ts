import { isOneOf } from '../../domain/closed-sets.js';

/**
 * Narrows a value read back from storage to its closed list. Anything else is a data error
 * (a 500 with a request id), never something to pass on: the contract promises the list.
 */
export function stored<T extends string>(list: readonly T[], value: string, what: string): T {
  if (!isOneOf(list, value)) throw new Error(`A stored ${what} is not one Haven knows: ${value}`);
  return value;
}
