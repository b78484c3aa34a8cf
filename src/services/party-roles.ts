import type { PartyRole } from '../domain/case-parts.js';
import type { PartyRow } from '../db/repositories/case-parts.js';
import { AppError } from './errors.js';

/**
 * A case has one reporter (whoever filed it) and one target; it may name several reported
 * persons (brigading is common) and several witnesses. Throws when `role` is taken by a party
 * other than `self`.
 */
export function checkRoleIsFree(parties: readonly PartyRow[], role: PartyRole, self: string | null): void {
  if (role !== 'reporter' && role !== 'target') return;
  if (parties.some((p) => p.role === role && p.id !== self)) {
    throw new AppError('conflict', `This case already has a ${role}.`, [{ path: 'role', message: `A case has one ${role}; change that person instead.` }]);
  }
}
