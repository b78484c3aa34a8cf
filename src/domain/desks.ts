// A desk is one community's team and its cases (see docs/ARCHITECTURE.md, "Desks"). Every
// case belongs to one; staff hold roles per desk; settings of later capabilities hang off it.

/**
 * A desk's slug: how the CLI, the API and a reporter's link (`/report?desk=enwiki`) name it.
 * Lower-case letters, digits and inner hyphens, 1 to 40 characters, so it reads the same in a
 * URL, a shell and a log line.
 */
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** The longest desk name or reporter-facing name. */
export const MAX_DESK_NAME = 100;

/** The slug of the desk every install starts with (migration 0012). */
export const DEFAULT_DESK_SLUG = 'main';

/** Whether `value` is a well-formed desk slug. */
export function isDeskSlug(value: string): boolean {
  return SLUG.test(value);
}
