import type { ConsentGrant } from './api';
import { CONSENT_AUDIENCES, CONSENT_SUBJECTS, type ConsentAudience, type ConsentSubject } from './domain';

/** One box of the consent form: this subject to this audience. */
export function grantKey(subject: ConsentSubject, audience: ConsentAudience): string {
  return `${subject}:${audience}`;
}

/** The boxes ticked for a recorded consent. */
export function checkedFrom(grants: readonly ConsentGrant[]): Set<string> {
  return new Set(grants.map((g) => grantKey(g.subject, g.audience)));
}

/** The grants the ticked boxes stand for, in the catalog's order, each once; unknown keys are ignored. */
export function grantsFrom(checked: ReadonlySet<string>): ConsentGrant[] {
  return CONSENT_AUDIENCES.flatMap((audience) =>
    CONSENT_SUBJECTS.filter((subject) => checked.has(grantKey(subject, audience))).map((subject) => ({ subject, audience })));
}

/** The consent said plainly: per audience that was granted something, what may go there. Empty: nothing may be shared. */
export function consentLines(grants: readonly ConsentGrant[]): { audience: ConsentAudience; subjects: ConsentSubject[] }[] {
  return CONSENT_AUDIENCES.flatMap((audience) => {
    const subjects = CONSENT_SUBJECTS.filter((subject) => grants.some((g) => g.subject === subject && g.audience === audience));
    return subjects.length === 0 ? [] : [{ audience, subjects }];
  });
}
