import { useId, useRef, useState, type SubmitEvent } from 'react';
import { ApiError, getCase, issueAccessCode, type CaseDetail, type Party } from '../api';
import { t } from '../i18n';

type Delivery = 'show' | 'email';

/**
 * Gives the target of a third-party report their own access code: shown once for the handler
 * to pass on privately, or sent by email to an address the handler enters (kept sealed).
 */
export function TargetAccessForm({ reference, target, onCase }: { reference: string; target: Party; onCase: (detail: CaseDetail) => void }) {
  const id = useId();
  const [delivery, setDelivery] = useState<Delivery>('show');
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean; code?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const address = email.trim();
    if (delivery === 'email' && !/^[^\s@]+@[^\s@]+$/.test(address)) {
      setEmailError(t('case.task.emailInvalid'));
      emailRef.current?.focus();
      return;
    }
    setBusy(true);
    setEmailError(null);
    try {
      const code = await issueAccessCode(reference, target.id, delivery === 'email' ? { delivery: 'email', contactEmail: address } : { delivery: 'show' });
      // The target now holds a code: their thread and reply form appear.
      onCase(await getCase(reference));
      setEmail('');
      setOutcome(code === null ? { text: t('case.task.emailSent'), failed: false } : { text: t('case.task.codeShown'), failed: false, code });
    } catch (error) {
      if (error instanceof ApiError && error.fields.contactEmail !== undefined) {
        setEmailError(t('case.task.emailInvalid'));
        emailRef.current?.focus();
        return;
      }
      setOutcome({ text: t('case.task.codeFailed'), failed: true });
    } finally {
      setBusy(false);
    }
  }

  const emailDescribed = [`${id}-email-hint`, emailError === null ? null : `${id}-email-error`].filter((x) => x !== null).join(' ');
  return (
    <form className="stack" aria-label={t('case.task.issueCode')} onSubmit={(event) => void submit(event)} noValidate>
      <fieldset>
        <legend>{t('case.task.delivery')}</legend>
        {(['show', 'email'] as const).map((option) => (
          <label key={option} className="checkbox">
            <input type="radio" name={`${id}-delivery`} value={option} checked={delivery === option} onChange={() => setDelivery(option)} />
            {t(`case.task.delivery.${option}`)}
          </label>
        ))}
      </fieldset>
      {delivery === 'email' && (
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('case.task.email')}</label>
          <p className="hint" id={`${id}-email-hint`}>{t('case.task.emailHint')}</p>
          {emailError !== null && <p className="error" id={`${id}-email-error`}>{emailError}</p>}
          <input ref={emailRef} id={`${id}-email`} type="email" autoComplete="off" value={email} onChange={(event) => setEmail(event.target.value)}
            aria-invalid={emailError !== null || undefined} aria-describedby={emailDescribed} />
        </div>
      )}
      <button type="submit" className="button-secondary" aria-disabled={busy}>{t('case.task.issueCode')}</button>
      <p role="status" className={outcome?.failed ? 'error' : 'announcement'}>
        {outcome?.text ?? ''}{outcome?.code !== undefined && <> <code className="access-code">{outcome.code}</code></>}
      </p>
    </form>
  );
}
