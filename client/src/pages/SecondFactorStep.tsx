import { useRef, useState, type SubmitEvent } from 'react';
import { ApiError, getSession, giveSecondFactor, type StaffSession } from '../api';
import { PageHeading } from '../components/PageHeading';
import { TotpEnrolment } from '../components/TotpEnrolment';
import { t, type MessageKey } from '../i18n';

interface SecondFactorStepProps {
  session: StaffSession;
  onSession: (session: StaffSession | null) => void;
}

function errorMessage(error: unknown): MessageKey {
  if (error instanceof ApiError && error.status === 400) return 'secondFactor.error.invalid';
  if (error instanceof ApiError && error.status === 429) return 'secondFactor.error.throttled';
  return 'secondFactor.error.unavailable';
}

/** What a session owing its second factor sees instead of any screen: the code form, or enrolment. */
export function SecondFactorStep({ session, onSession }: SecondFactorStepProps) {
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  if (session.secondFactor === 'enrol_required') {
    return (
      <div className="narrow">
        <PageHeading title={t('secondFactor.title')}>{t('secondFactor.title')}</PageHeading>
        <p>{t('enrol.required')}</p>
        <TotpEnrolment onDone={() => void getSession().then(onSession)} />
      </div>
    );
  }

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onSession(await giveSecondFactor(recovery ? { recoveryCode: value.trim() } : { code: value.trim() }));
    } catch (caught) {
      setError(errorMessage(caught));
      setValue('');
      setBusy(false);
      inputRef.current?.focus();
    }
  }

  const id = recovery ? 'second-factor-recovery' : 'second-factor-code';
  return (
    <div className="narrow">
      <PageHeading title={t('secondFactor.title')}>{t('secondFactor.codeHeading')}</PageHeading>
      <p>{t('secondFactor.codeIntro')}</p>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={id}>{t(recovery ? 'secondFactor.recoveryCode' : 'secondFactor.code')}</label>
          <input ref={inputRef} id={id} name="code" inputMode={recovery ? 'text' : 'numeric'} autoComplete="one-time-code"
            autoCapitalize="none" spellCheck={false} value={value} onChange={(event) => setValue(event.target.value)}
            aria-invalid={error !== null || undefined} aria-describedby={error !== null ? 'second-factor-error' : undefined} />
        </div>
        <p id="second-factor-error" className="error" role="alert">{error ? t(error) : ''}</p>
        <button type="submit" className="button-primary" aria-disabled={busy}>{t('secondFactor.submit')}</button>
      </form>
      <button type="button" className="button-link" onClick={() => { setRecovery(!recovery); setValue(''); setError(null); }}>
        {t(recovery ? 'secondFactor.useApp' : 'secondFactor.useRecovery')}
      </button>
    </div>
  );
}
