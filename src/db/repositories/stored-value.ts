// Repositories hand the services domain types, not strings: a stored value is checked against
// its closed set once, here, where it is read. A value outside the set means the data was
// written by something other than Haven, or damaged; acting on a guess could open a case to the
// wrong people or move it wrongly, so it is an error that stops the request.

/** `value` narrowed by `is`, or an error naming the column. */
export function storedValue<T extends string>(value: string, is: (v: string) => v is T, column: string): T {
  if (!is(value)) throw new Error(`${column} holds a value Haven does not know: ${JSON.stringify(value)}`);
  return value;
}

/** Same as storedValue, for nullable columns. */
export function storedValueOrNull<T extends string>(value: string | null, is: (v: string) => v is T, column: string): T | null {
  return value === null ? null : storedValue(value, is, column);
}
