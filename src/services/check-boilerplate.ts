import { judgeBoilerplate, type BoilerplateVerdict } from '../domain/boilerplate.js';
import { fillTemplate, replyTemplateValues, unfilledVariables } from '../domain/reply-templates.js';
import { findTemplate } from '../db/repositories/reply-templates.js';
import { findStaffUsername } from '../db/repositories/staff.js';
import type { CaseRecord } from '../db/repositories/cases.js';
import type { HavenDb } from '../db/connection.js';
import { AppError } from './errors.js';

/** What a reply says about the template it started from. */
export interface TemplateUse { templateId: string; confirmBoilerplate: boolean }

/**
 * Checks a reply that started from a template against that template, filled in for this case
 * and reader exactly as the console fills it. A reply that reads as boilerplate is refused
 * (`boilerplate`, 409) unless the handler confirmed it; returns whether it was sent on that
 * confirmation, which the message keeps. A template of another desk is a field error.
 */
export async function checkBoilerplate(
  db: HavenDb, input: { kase: CaseRecord; actorId: string; recipientName: string | null; body: string; promiseUpdateBy: Date | null; use: TemplateUse },
): Promise<boolean> {
  const template = await findTemplate(db, input.use.templateId);
  if (template?.deskId !== input.kase.deskId) {
    throw new AppError('validation_failed', 'There is no such template on this case\'s desk.', [
      { path: 'templateId', message: 'Choose one of the templates of this case\'s desk.' },
    ]);
  }
  const filled = fillTemplate(template.body, replyTemplateValues({
    recipientName: input.recipientName, caseReference: input.kase.reference, handlerName: (await findStaffUsername(db, input.actorId)) ?? '',
    promiseUpdateBy: input.promiseUpdateBy, language: input.kase.language,
  }));
  const verdict = judgeBoilerplate(filled, input.body);
  // Boilerplate is judged first: a template sent as it stands is that, whatever else is wrong with it.
  if (verdict.boilerplate && !input.use.confirmBoilerplate) throw boilerplateRefusal(verdict);
  const unfilled = unfilledVariables(input.body);
  if (unfilled.length > 0) {
    const names = unfilled.map((v) => `{${v}}`).join(', ');
    throw new AppError('validation_failed', `The reply still holds ${names}.`, [{ path: 'body', message: `Replace ${names} with words for the reader.` }]);
  }
  return verdict.boilerplate;
}

function boilerplateRefusal(verdict: Extract<BoilerplateVerdict, { boilerplate: true }>): AppError {
  const why = verdict.reason === 'blanks_left'
    ? `${verdict.blanksLeft} marked blank(s) of the template are still as they were.`
    : 'Too little of it is written for this person and this case.';
  return new AppError('boilerplate', `This reply reads as boilerplate: ${why} Write the personal part, or send it anyway with confirmBoilerplate.`);
}
