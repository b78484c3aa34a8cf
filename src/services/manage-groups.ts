import { auditChain } from './audit-chain.js';
import { newId } from '../shared/ids.js';
import { desksOf, type Actor } from '../domain/access-policy.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { listDesks, type DeskRow } from '../db/repositories/desks.js';
import { roleOnDesk } from '../db/repositories/staff-desk-roles.js';
import {
  countCasesRestrictedTo, deleteGroup, deleteGroupMember, findGroup, groupNameTaken, insertGroup, insertGroupMember, listGroups, renameGroup,
  type GroupRow,
} from '../db/repositories/staff-groups.js';
import type { HavenDb } from '../db/connection.js';
import { administeredDesk } from './staff-admin-scope.js';
import { AppError } from './errors.js';
import type { ServiceContext } from './context.js';

// A desk's groups (issue 11, item 6). Everyone on a desk reads its groups (a handler restricts
// a case to one); its admins change them. Membership is the only key to a restricted case and
// admins are not exempt, so an admin who adds themself does so here, visibly and audited.

/** A group with its desk's slug and name. */
export type GroupView = GroupRow & { desk: { slug: string; name: string } };

function withDesk(group: GroupRow, desks: DeskRow[]): GroupView {
  const desk = desks.find((d) => d.id === group.deskId);
  return { ...group, desk: { slug: desk?.slug ?? '', name: desk?.name ?? '' } };
}

/** The groups of the desks where the actor holds a role, or of the one `deskSlug` names. */
export async function listDeskGroups(ctx: ServiceContext, actor: Actor, deskSlug?: string): Promise<GroupView[]> {
  const desks = (await listDesks(ctx.db)).filter((d) => actor.roles.has(d.id));
  const scope = deskSlug === undefined ? desks : desks.filter((d) => d.slug === deskSlug);
  if (deskSlug !== undefined && scope.length === 0) throw new AppError('not_found', 'No such desk among yours.');
  return (await listGroups(ctx.db, scope.map((d) => d.id))).map((g) => withDesk(g, desks));
}

/** A group of a desk the actor administers; any other is answered as one that does not exist. */
async function administeredGroup(db: HavenDb, actor: Actor, groupId: string): Promise<GroupRow> {
  const group = await findGroup(db, groupId);
  // Someone without a role on its desk must not learn the group exists; someone with one may
  // read it (GET) but is refused a change.
  if (group === null || !desksOf(actor).includes(group.deskId)) throw new AppError('not_found', 'No such group.');
  if (actor.roles.get(group.deskId) !== 'admin') throw new AppError('forbidden', 'Only the desk\'s admins change its groups.');
  return group;
}

async function refuseTakenName(db: HavenDb, deskId: string, name: string): Promise<void> {
  if (await groupNameTaken(db, deskId, name)) {
    throw new AppError('conflict', 'The desk already has a group by that name.', [{ path: 'name', message: 'Already taken.' }]);
  }
}

/** Adds a group to a desk the actor administers. */
export async function createDeskGroup(ctx: ServiceContext, actor: Actor, input: { desk: string; name: string }): Promise<GroupView> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const desk = await administeredDesk(trx, actor, input.desk);
    await refuseTakenName(trx, desk.id, input.name);
    const id = newId(now.getTime());
    await insertGroup(trx, { id, deskId: desk.id, name: input.name, escalation: false, now });
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'group.created', caseId: null, detail: { groupId: id, deskId: desk.id, name: input.name },
    });
    const created = await findGroup(trx, id);
    if (created === null) throw new Error('The group just added is missing.');
    return withDesk(created, [desk]);
  });
}

/** Renames a group. */
export async function renameDeskGroup(ctx: ServiceContext, actor: Actor, groupId: string, name: string): Promise<GroupView> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const group = await administeredGroup(trx, actor, groupId);
    if (group.name !== name) {
      await refuseTakenName(trx, group.deskId, name);
      await renameGroup(trx, groupId, name);
      await appendAudit(trx, auditChain(ctx), {
        at: now, actorKind: 'staff', actorId: actor.id, action: 'group.renamed', caseId: null,
        detail: { groupId, deskId: group.deskId, from: group.name, to: name },
      });
    }
    return withDesk({ ...group, name }, await listDesks(trx));
  });
}

/**
 * Deletes a group. Refused for the escalation group (the fallback of recusals needs it) and for
 * a group that still guards cases: deleting it would leave them visible to nobody.
 */
export async function deleteDeskGroup(ctx: ServiceContext, actor: Actor, groupId: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const group = await administeredGroup(trx, actor, groupId);
    if (group.escalation) throw new AppError('conflict', 'The escalation group cannot be deleted; rename it or change its members instead.');
    const guarded = await countCasesRestrictedTo(trx, groupId);
    if (guarded > 0) throw new AppError('conflict', `${guarded} cases are restricted to this group. Lift or move their restriction first.`);
    await deleteGroup(trx, groupId);
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'group.deleted', caseId: null, detail: { groupId, deskId: group.deskId, name: group.name },
    });
  });
}

/**
 * Adds someone with a role on the group's desk to it (an admin may add themself: audited with
 * `self`, and visible in the member list). Already a member: nothing changes, nothing audited.
 */
export async function addDeskGroupMember(ctx: ServiceContext, actor: Actor, groupId: string, staffId: string): Promise<GroupView> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const group = await administeredGroup(trx, actor, groupId);
    if ((await roleOnDesk(trx, staffId, group.deskId)) === null) {
      throw new AppError('not_found', 'No such person on this desk.', [{ path: 'staffId', message: 'Not on the group\'s desk.' }]);
    }
    if (await insertGroupMember(trx, { groupId, userId: staffId, now })) {
      await appendAudit(trx, auditChain(ctx), {
        at: now, actorKind: 'staff', actorId: actor.id, action: 'group.member_added', caseId: null,
        detail: { groupId, deskId: group.deskId, staffId, self: staffId === actor.id },
      });
    }
    const updated = await findGroup(trx, groupId);
    if (updated === null) throw new Error('The group is missing.');
    return withDesk(updated, await listDesks(trx));
  });
}

/** Removes a member; from their next request on, the group's cases do not exist for them. */
export async function removeDeskGroupMember(ctx: ServiceContext, actor: Actor, groupId: string, staffId: string): Promise<GroupView> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const group = await administeredGroup(trx, actor, groupId);
    if (!(await deleteGroupMember(trx, { groupId, userId: staffId }))) {
      throw new AppError('not_found', 'That person is not a member of this group.', [{ path: 'staffId', message: 'Not a member.' }]);
    }
    await appendAudit(trx, auditChain(ctx), {
      at: now, actorKind: 'staff', actorId: actor.id, action: 'group.member_removed', caseId: null,
      detail: { groupId, deskId: group.deskId, staffId, self: staffId === actor.id },
    });
    const updated = await findGroup(trx, groupId);
    if (updated === null) throw new Error('The group is missing.');
    return withDesk(updated, await listDesks(trx));
  });
}
