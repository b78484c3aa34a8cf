import { useId, useRef, useState, type SubmitEvent } from 'react';
import { ApiError, sendReply, type CaseDetail, type LeakFound, type Party, type Template } from '../api';
import { partyName } from './PartyList';
import { fillTemplate, replyTemplateValues } from '../domain';
import { formatDateTime } from '../format-time';
import { locale, t } from '../i18n';
import { checkReply, describeSendFailure, type ReplyFieldErrors } from '../reply-form-errors';
import { PromiseField } from './PromiseField';

interface ReplyFormProps {
  reference: string;
  party: Party;
  /** Whether the reply may promise an update (a closed case takes no promises). */
  canPromise: boolean;
  now: Date;
  /** Called with the updated case once the reply is stored. */
  onSent: (detail: CaseDetail) => void;
  /** The desk's templates a reply can start from, and what fills their variables. */
  templates: readonly Template[];
  handlerName: string;
  language: string;
}

type Outcome = { text: string; failed: boolean };

/** Writes to one party: the text, an optional promised update date, and what became of it. */
export function ReplyForm({ reference, party, canPromise, now, onSent, templates, handlerName, language }: ReplyFormProps) {
  const id = useId();
  const ids = { heading: `${id}-heading`, body: `${id}-body`, bodyHint: `${id}-body-hint`, bodyError: `${id}-body-error` };
  const [body, setBody] = useState('');
  const [promise, setPromise] = useState('');
  const [errors, setErrors] = useState<ReplyFieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  // What the leak guard found in the last refused send, and the handler's reason to send anyway.
  const [leaks, setLeaks] = useState<readonly LeakFound[]>([]);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const toReported = party.role === 'reported';
  const [chosen, setChosen] = useState('');
  // The template the text started from; the server checks the reply against it for boilerplate.
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [boilerplate, setBoilerplate] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const promiseRef = useRef<HTMLInputElement>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);

  function showErrors(found: ReplyFieldErrors, text: string): void {
    setErrors(found);
    setOutcome({ text, failed: true });
    // Focus the first field to fix; its description carries the reason.
    const target = found.body !== undefined ? bodyRef : found.promiseUpdateBy !== undefined ? promiseRef : outcomeRef;
    target.current?.focus();
  }

  function startFromTemplate(): void {
    const template = templates.find((x) => x.id === chosen);
    if (template === undefined) return;
    const checked = checkReply('-', canPromise ? promise : '', new Date());
    // Filled as the server fills it, so the boilerplate check compares with exactly this text.
    setBody(fillTemplate(template.body, replyTemplateValues({
      // An anonymous reader has no name: a greeting word from the catalog stands in (the server sees it as one word of the handler's).
      recipientName: party.username ?? t('case.reply.anonymousRecipient'), caseReference: reference, handlerName, language,
      promiseUpdateBy: checked.promiseUpdateBy === undefined ? null : new Date(checked.promiseUpdateBy),
    })));
    setTemplateId(template.id);
    setBoilerplate(false);
    bodyRef.current?.focus();
  }

  async function submit(event: SubmitEvent<HTMLFormElement> | null, confirmBoilerplate = false): Promise<void> {
    event?.preventDefault();
    if (busy) return;
    const checked = checkReply(body, canPromise ? promise : '', new Date());
    if (Object.keys(checked.errors).length > 0) {
      showErrors(checked.errors, t('case.reply.invalid'));
      return;
    }
    const override = leaks.length > 0 && reason.trim() !== '' ? reason.trim() : undefined;
    if (override !== undefined && override.length < 10) {
      setReasonError(t('case.reply.leak.reasonShort'));
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    setOutcome(null);
    setReasonError(null);
    try {
      const { promiseUpdateBy } = checked;
      const detail = await sendReply(reference, {
        partyId: party.id, body, ...(promiseUpdateBy ? { promiseUpdateBy } : {}), ...(override === undefined ? {} : { leakOverrideReason: override }),
        ...(templateId === null ? {} : { templateId, confirmBoilerplate }),
      });
      onSent(detail);
      setBody('');
      setPromise('');
      setLeaks([]);
      setReason('');
      setTemplateId(null);
      setBoilerplate(false);
      const date = promiseUpdateBy === undefined ? null : formatDateTime(promiseUpdateBy, locale);
      setOutcome({ text: date === null ? t('case.reply.sent') : t('case.reply.sentWithPromise', { date }), failed: false });
      // The text just sent now sits in the conversation above; the news is read out from here.
      outcomeRef.current?.focus();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'identity_leak') {
        setLeaks(error.leaks);
        setOutcome({ text: t('case.reply.leak.heading'), failed: true });
        outcomeRef.current?.focus();
        return;
      }
      if (error instanceof ApiError && error.code === 'boilerplate') {
        setBoilerplate(true);
        setOutcome({ text: t('case.reply.boilerplate'), failed: true });
        outcomeRef.current?.focus();
        return;
      }
      const failure = describeSendFailure(error);
      showErrors(failure.errors, failure.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="reply-form stack" aria-labelledby={ids.heading} onSubmit={(event) => void submit(event)} noValidate>
      <h4 id={ids.heading}>{toReported ? t('case.reply.heading.reportedNamed', { name: partyName(party) }) : t(`case.reply.heading.${party.role}`)}</h4>
      {templates.length > 0 && (
        <div className="field template-picker">
          <label htmlFor={`${id}-template`}>{t('case.reply.template')}</label>
          <p className="hint" id={`${id}-template-hint`}>{t('case.reply.templateHint')}</p>
          <div className="inline-controls">
            <select id={`${id}-template`} value={chosen} aria-describedby={`${id}-template-hint`} onChange={(event) => setChosen(event.target.value)}>
              <option value="">{t('case.reply.templateNone')}</option>
              {templates.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
            </select>
            <button type="button" className="button-secondary" aria-disabled={chosen === ''} onClick={startFromTemplate}>
              {t('case.reply.templateUse')}
            </button>
          </div>
        </div>
      )}
      <div className="field">
        <label htmlFor={ids.body}>{t('case.reply.body')}</label>
        <p className="hint" id={ids.bodyHint}>{t(toReported ? 'case.reply.bodyHintReported' : 'case.reply.bodyHint')}</p>
        {errors.body !== undefined && <p className="error" id={ids.bodyError}>{errors.body}</p>}
        <textarea
          ref={bodyRef}
          id={ids.body}
          name="body"
          rows={6}
          value={body}
          onChange={(event) => {
            setBody(event.target.value);
            // An emptied box starts over: what is typed next is the handler's own.
            if (event.target.value.trim() === '') setTemplateId(null);
          }}
          aria-invalid={errors.body !== undefined || undefined}
          aria-describedby={errors.body === undefined ? ids.bodyHint : `${ids.bodyHint} ${ids.bodyError}`}
        />
      </div>
      {canPromise && (
        <PromiseField
          id={`${id}-promise`}
          value={promise}
          onChange={setPromise}
          error={errors.promiseUpdateBy}
          now={now}
          inputRef={promiseRef}
        />
      )}
      {leaks.length > 0 && (
        <>
          <ul className="leaks">
            {leaks.map((leak, index) => (
              <li key={`${leak.party}-${leak.kind}-${index}`}>
                {t('case.reply.leak.item', { who: t(`partyRole.${leak.party === 'target' ? 'target' : 'reporter'}`), what: leakKind(leak.kind), found: leak.found })}
              </li>
            ))}
          </ul>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('case.reply.leak.reason')}</label>
            <p className="hint" id={`${id}-reason-hint`}>{t('case.reply.leak.reasonHint')}</p>
            {reasonError !== null && <p className="error" id={`${id}-reason-error`}>{reasonError}</p>}
            <textarea
              ref={reasonRef}
              id={`${id}-reason`}
              rows={3}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              aria-invalid={reasonError !== null || undefined}
              aria-describedby={reasonError === null ? `${id}-reason-hint` : `${id}-reason-hint ${id}-reason-error`}
            />
          </div>
        </>
      )}
      {/* aria-disabled, not disabled: a disabled button would drop keyboard focus. */}
      <button type="submit" className="button-primary" aria-disabled={busy}>
        {t('case.reply.submit')}
      </button>
      <p ref={outcomeRef} tabIndex={-1} role="status" className={outcome?.failed ? 'error' : 'announcement'}>
        {outcome?.text ?? ''}
      </p>
      {boilerplate && (
        <div className="boilerplate-warning">
          <p>{t('case.reply.boilerplateHint')}</p>
          <button type="button" className="button-secondary" aria-disabled={busy} onClick={() => void submit(null, true)}>
            {t('case.reply.sendAnyway')}
          </button>
        </div>
      )}
    </form>
  );
}

function leakKind(kind: string): string {
  switch (kind) {
    case 'account_name':
    case 'display_name':
    case 'email':
    case 'private_evidence':
      return t(`case.reply.leak.kind.${kind}`);
    default:
      return kind;
  }
}
