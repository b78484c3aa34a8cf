import { useEffect, useState, type SubmitEvent } from 'react';
import { ApiError, beginTotpEnrolment, confirmTotpEnrolment, isAbort, type TotpEnrolment as Enrolment } from '../api';
import { t, type MessageKey } from '../i18n';

/** A base32 key in groups of four, as people copy it into an app. */
export function groupKey(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

interface TotpEnrolmentProps {
  /** Called after the person has seen their recovery codes and chosen to go on. */
  onDone: () => void;
}

/** Sets up TOTP: shows a key and its otpauth link, checks a code, then shows the recovery codes once. */
export function TotpEnrolment({ onDone }: TotpEnrolmentProps) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [failed, setFailed] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  useEffect(() => {
    let live = true;
    beginTotpEnrolment().then((e) => { if (live) setEnrolment(e); }, (caught: unknown) => { if (live && !isAbort(caught)) setFailed(true); });
    return () => { live = false; };
  }, []);

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setRecoveryCodes((await confirmTotpEnrolment(code.trim())).recoveryCodes);
    } catch (caught) {
      setError(caught instanceof ApiError && (caught.status === 400) ? 'enrol.error.invalid' : 'secondFactor.error.unavailable');
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  if (recoveryCodes !== null) {
    return (
      <section className="stack" aria-labelledby="recovery-heading">
        <h2 id="recovery-heading">{t('enrol.doneHeading')}</h2>
        <p>{t('enrol.doneIntro')}</p>
        <ul className="recovery-codes">
          {recoveryCodes.map((c) => <li key={c}><code>{c}</code></li>)}
        </ul>
        <button type="button" className="button-primary" onClick={onDone}>{t('enrol.continue')}</button>
      </section>
    );
  }
  if (failed) return <p className="error" role="alert">{t('enrol.failed')}</p>;
  if (enrolment === null) return <p className="loading" role="status">{t('enrol.loading')}</p>;
  return (
    <section className="stack" aria-labelledby="enrol-heading">
      <h2 id="enrol-heading">{t('enrol.heading')}</h2>
      <p>{t('enrol.intro')}</p>
      <dl className="enrol-key">
        <dt>{t('enrol.secret')}</dt>
        <dd><code data-testid="totp-secret">{groupKey(enrolment.secret)}</code></dd>
        <dt>{t('enrol.uri')}</dt>
        <dd><a href={enrolment.uri}><code className="wrap">{enrolment.uri}</code></a></dd>
      </dl>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor="enrol-code">{t('enrol.code')}</label>
          <input id="enrol-code" name="code" inputMode="numeric" autoComplete="one-time-code" value={code}
            onChange={(event) => setCode(event.target.value)} aria-invalid={error !== null || undefined}
            aria-describedby={error !== null ? 'enrol-error' : undefined} />
        </div>
        <p id="enrol-error" className="error" role="alert">{error ? t(error) : ''}</p>
        <button type="submit" className="button-primary" aria-disabled={busy}>{t('enrol.submit')}</button>
      </form>
    </section>
  );
}
