import type { Group } from '../../../shared/api/groups.js';
import type { GroupView } from '../../../services/manage-groups.js';

/** A group as staff of its desk see it: its name, whether it is the escalation group, its members by username. */
export function presentGroup(g: GroupView): Group {
  return {
    id: g.id, desk: g.desk, name: g.name, escalation: g.escalation,
    members: g.members.map((m) => ({ id: m.id, username: m.username, addedAt: m.addedAt.toISOString() })),
  };
}
