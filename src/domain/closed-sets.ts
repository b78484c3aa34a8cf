/** Narrows an untrusted string (a stored column, a header) to a member of one of the domain's `as const` lists. */
export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
