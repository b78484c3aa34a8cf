import { useId, useRef, useState, type SubmitEvent } from 'react';
import { ApiError, closeCase, type CaseDetail, type CloseBody } from '../api';
import { OUTCOMES, SANCTION_KINDS, sanctionHasExpiry, type Outcome, type SanctionKind } from '../domain';
import { t, type MessageKey } from '../i18n';
import { localInputToIso } from '../local-datetime';
import { partyLabel } from './Conversation';

interface CloseFormProps {
  detail: CaseDetail;
  onClosed: (detail: CaseDetail) => void;
}

interface ActionDraft { kind: SanctionKind; description: string; expiresAt: string; logUrl: string; appeal: string }

const REFUSALS: Record<string, MessageKey> = {
  closing_record_incomplete: 'case.close.error.closing_record_incomplete',
  reporter_not_told: 'case.close.error.reporter_not_told',
  next_steps_missing: 'case.close.error.next_steps_missing',
  review_incomplete: 'case.close.error.review_incomplete',
  conflict: 'case.close.error.conflict',
  validation_failed: 'case.close.error.invalid',
  forbidden: 'case.close.error.forbidden',
};

const emptyAction = (): ActionDraft => ({ kind: 'warning', description: '', expiresAt: '', logUrl: '', appeal: '' });

/** Closes the case: the outcome, the record, a closing message to each reporter, next steps and a follow-up. */
export function CloseForm({ detail, onClosed }: CloseFormProps) {
  const id = useId();
  const reachable = detail.parties.filter((p) => p.canReceiveReplies);
  const reported = detail.parties.filter((p) => p.role === 'reported');
  const [outcome, setOutcome] = useState<Outcome>('non_actionable');
  const [summary, setSummary] = useState('');
  const [findings, setFindings] = useState('');
  const [messages, setMessages] = useState<Record<string, string>>({});
  const [nextSteps, setNextSteps] = useState('');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [followUp, setFollowUp] = useState('');
  const [actions, setActions] = useState<Record<string, ActionDraft>>({});
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLParagraphElement>(null);

  const action = (partyId: string): ActionDraft => actions[partyId] ?? emptyAction();
  const setAction = (partyId: string, change: Partial<ActionDraft>) => setActions({ ...actions, [partyId]: { ...action(partyId), ...change } });

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setResult(null);
    const body: CloseBody = {
      outcome, closingRecord: { summary, findings },
      messages: reachable.map((p) => ({ partyId: p.id, body: messages[p.id] ?? '' })),
      ...(nextSteps.trim() === '' ? {} : { nextSteps }),
      ...(followUp === '' ? {} : { followUpAt: localInputToIso(`${followUp}T09:00`) ?? followUp }),
      ...(outcome === 'duplicate' ? { duplicateOf: duplicateOf.trim() } : {}),
      ...(outcome === 'action_taken' ? {
        actions: reported.map((p) => {
          const a = action(p.id);
          return {
            partyId: p.id, kind: a.kind, appeal: a.appeal, ...(a.description.trim() === '' ? {} : { description: a.description }),
            ...(a.logUrl.trim() === '' ? {} : { logUrl: a.logUrl.trim() }),
            ...(sanctionHasExpiry(a.kind) && a.expiresAt !== '' ? { expiresAt: localInputToIso(`${a.expiresAt}T00:00`) ?? a.expiresAt } : {}),
          };
        }),
      } : {}),
    };
    try {
      onClosed(await closeCase(detail.reference, body));
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'failed';
      setResult(t(REFUSALS[code] ?? 'case.close.error.failed'));
      resultRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const field = (name: string) => `${id}-${name}`;
  return (
    <form className="close-form stack" aria-labelledby={field('heading')} onSubmit={(event) => void submit(event)} noValidate>
      <h2 id={field('heading')}>{t('case.close.heading')}</h2>
      <div className="field">
        <label htmlFor={field('outcome')}>{t('case.close.outcome')}</label>
        <select id={field('outcome')} value={outcome} onChange={(event) => setOutcome(OUTCOMES.find((o) => o === event.target.value) ?? 'non_actionable')}>
          {OUTCOMES.map((o) => <option key={o} value={o}>{t(`outcome.${o}`)}</option>)}
        </select>
      </div>
      {outcome === 'duplicate' && (
        <div className="field">
          <label htmlFor={field('duplicate')}>{t('case.close.duplicateOf')}</label>
          <input id={field('duplicate')} type="text" value={duplicateOf} onChange={(event) => setDuplicateOf(event.target.value)} />
        </div>
      )}
      <div className="field">
        <label htmlFor={field('summary')}>{t('case.close.summary')}</label>
        <textarea id={field('summary')} rows={3} value={summary} onChange={(event) => setSummary(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={field('findings')}>{t('case.close.findings')}</label>
        <textarea id={field('findings')} rows={4} value={findings} onChange={(event) => setFindings(event.target.value)} />
      </div>
      {outcome === 'action_taken' && reported.map((p) => (
        <fieldset key={p.id} className="stack">
          <legend>{t('case.close.actionFor', { party: partyLabel(p) })}</legend>
          <div className="field">
            <label htmlFor={field(`kind-${p.id}`)}>{t('case.close.actionKind')}</label>
            <select id={field(`kind-${p.id}`)} value={action(p.id).kind}
              onChange={(event) => setAction(p.id, { kind: SANCTION_KINDS.find((k) => k === event.target.value) ?? 'other' })}>
              {SANCTION_KINDS.map((k) => <option key={k} value={k}>{t(`sanction.${k}`)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={field(`desc-${p.id}`)}>{t('case.close.actionDescription')}</label>
            <input id={field(`desc-${p.id}`)} type="text" value={action(p.id).description} onChange={(event) => setAction(p.id, { description: event.target.value })} />
          </div>
          {sanctionHasExpiry(action(p.id).kind) && (
            <div className="field">
              <label htmlFor={field(`exp-${p.id}`)}>{t('case.close.actionExpires')}</label>
              <input id={field(`exp-${p.id}`)} type="date" value={action(p.id).expiresAt} onChange={(event) => setAction(p.id, { expiresAt: event.target.value })} />
            </div>
          )}
          <div className="field">
            <label htmlFor={field(`log-${p.id}`)}>{t('case.close.actionLog')}</label>
            <input id={field(`log-${p.id}`)} type="url" value={action(p.id).logUrl} onChange={(event) => setAction(p.id, { logUrl: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={field(`appeal-${p.id}`)}>{t('case.close.actionAppeal')}</label>
            <input id={field(`appeal-${p.id}`)} type="text" value={action(p.id).appeal} onChange={(event) => setAction(p.id, { appeal: event.target.value })} />
          </div>
        </fieldset>
      ))}
      {reachable.map((p) => (
        <div className="field" key={p.id}>
          <label htmlFor={field(`msg-${p.id}`)}>{t('case.close.messageTo', { party: partyLabel(p) })}</label>
          <textarea id={field(`msg-${p.id}`)} rows={5} value={messages[p.id] ?? ''} onChange={(event) => setMessages({ ...messages, [p.id]: event.target.value })} />
        </div>
      ))}
      <div className="field">
        <label htmlFor={field('next')}>{t('case.close.nextSteps')}</label>
        <p className="hint" id={field('next-hint')}>{t('case.close.nextStepsHint')}</p>
        <textarea id={field('next')} rows={3} aria-describedby={field('next-hint')} value={nextSteps} onChange={(event) => setNextSteps(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={field('follow')}>{t('case.close.followUp')}</label>
        <p className="hint" id={field('follow-hint')}>{t('case.close.followUpHint')}</p>
        <input id={field('follow')} type="date" aria-describedby={field('follow-hint')} value={followUp} onChange={(event) => setFollowUp(event.target.value)} />
      </div>
      <button type="submit" className="button-primary" aria-disabled={busy}>{t('case.close.submit')}</button>
      <p ref={resultRef} tabIndex={-1} role="status" className={result === null ? 'announcement' : 'error'}>{result ?? ''}</p>
    </form>
  );
}
