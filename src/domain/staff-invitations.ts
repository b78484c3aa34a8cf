/** How long an invitation link works: long enough to reach someone across time zones, short enough to go stale harmlessly. */
export const STAFF_INVITATION_HOURS = 48;

/** When an invitation sent at `now` stops working. */
export function invitationExpiry(now: Date): Date {
  return new Date(now.getTime() + STAFF_INVITATION_HOURS * 3_600_000);
}
