import type { StaffRole } from '../../../src/domain/access-policy.js';
import { createDesk } from '../../../src/services/create-desk.js';
import { grantDeskRole } from '../../../src/services/grant-desk-role.js';
import type { FactoryTarget } from './target.js';

/** Overrides for `makeDesk`; a desk with a made-up slug and names by default. */
export interface DeskOverrides {
  slug?: string;
  name?: string;
  reporterName?: string;
}

export interface MadeDesk { id: string; slug: string; name: string; reporterName: string }

/** A desk, or its slug: what the factories' `desk` options take. */
export type DeskRef = string | { slug: string };

/** The slug of a desk reference. */
export function deskSlug(desk: DeskRef): string {
  return typeof desk === 'string' ? desk : desk.slug;
}

let counter = 0;

/** A desk made by the same service as `haven desk add`. */
export async function makeDesk(t: FactoryTarget, overrides: DeskOverrides = {}): Promise<MadeDesk> {
  counter += 1;
  const slug = overrides.slug ?? `desk-${counter}`;
  const desk = await createDesk(t.ctx, {
    slug, name: overrides.name ?? `Desk ${counter}`, reporterName: overrides.reporterName ?? `Community ${counter}`,
  }, null);
  return { id: desk.id, slug: desk.slug, name: desk.name, reporterName: desk.reporterName };
}

/** Gives a staff member a role on a desk (or changes it), as `haven user grant` does. */
export async function grantRole(t: FactoryTarget, staff: { username: string }, desk: DeskRef, role: StaffRole): Promise<void> {
  await grantDeskRole(t.ctx, { username: staff.username, desk: deskSlug(desk), role }, null);
}
