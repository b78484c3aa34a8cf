/** Field name → what is wrong with it, as the server said. */
export type FieldErrors = Readonly<Record<string, string>>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads `error.fields` from an API error body. The server sends a list of
 * `{ path, message }`; a map of field → message is accepted too. The first message
 * for a field wins, and anything malformed is skipped rather than trusted.
 */
export function readFieldErrors(fields: unknown): FieldErrors {
  // A Map, not an object: a field named "__proto__" or "constructor" must stay just a name.
  const found = new Map<string, string>();
  const add = (path: unknown, message: unknown): void => {
    if (typeof path === 'string' && typeof message === 'string' && !found.has(path)) found.set(path, message);
  };
  if (Array.isArray(fields)) {
    for (const item of fields) if (isRecord(item)) add(item.path, item.message);
  } else if (isRecord(fields)) {
    for (const [path, message] of Object.entries(fields)) add(path, message);
  }
  return Object.fromEntries(found);
}
