import { isWellFormedAccessCode } from '../services/security/access-code.js';

/**
 * Query parameters a log line may show, by their decoded name, each with the shape its values
 * must have. Everything else is left out: access codes, sign-in link tokens, staff search
 * words, cursors, and any parameter Haven does not know. Names are compared after decoding, so
 * `?%63ode=` is `code` and is left out too. A value of another shape is left out, and so is one
 * an access code could be read from (`?desk=<code>`).
 */
const LOGGED_PARAMETERS: ReadonlyMap<string, RegExp> = new Map([
  ['desk', /^[a-z0-9-]{1,40}$/], ['status', /^[a-z_]{1,30}$/], ['category', /^[a-z_]{1,40}$/], ['limit', /^[0-9]{1,6}$/],
  ['from', /^[0-9]{4}-[0-9]{2}$/], ['to', /^[0-9]{4}-[0-9]{2}$/], ['publication', /^(true|false)$/], ['sent', /^[01]$/], ['added', /^[01]$/],
  ['lang', /^[A-Za-z-]{2,12}$/], ['question', /^[a-z0-9-]{1,64}$/], ['choice', /^[a-z0-9-]{1,64}$/],
]);

function loggable(name: string, value: string): boolean {
  const shape = LOGGED_PARAMETERS.get(name);
  return shape !== undefined && shape.test(value) && !isWellFormedAccessCode(value);
}

/**
 * The URL as a log line may show it: the path, and of the query only allow-listed parameters
 * with plain values; what is left out is counted (`?desk=main&…2`). A query that cannot be
 * decoded is left out whole. Paths hold no secrets (case references at most).
 */
export function loggableUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark === -1) return url;
  const path = url.slice(0, mark);
  const query = url.slice(mark + 1);
  if (query === '') return path;
  const kept: string[] = [];
  let dropped = 0;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent((eq === -1 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
      value = decodeURIComponent((eq === -1 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' '));
    } catch {
      dropped += 1;
      continue;
    }
    if (loggable(name, value)) kept.push(`${name}=${value}`);
    else dropped += 1;
  }
  const parts = dropped === 0 ? kept : [...kept, `…${dropped}`];
  return parts.length === 0 ? path : `${path}?${parts.join('&')}`;
}
