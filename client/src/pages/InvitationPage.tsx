import { useState, type SubmitEvent } from 'react';
import { acceptInvitation, ApiError, type StaffSession } from '../api';
import { PageHeading } from '../components/PageHeading';
import { t, type MessageKey } from '../i18n';

// The token arrives in the fragment (never sent to a server, so never in a log); it is read
// once and removed from the address bar, so it does not linger in history.
const token = window.location.pathname.endsWith('/invitation') ? decodeURIComponent(window.location.hash.slice(1)) : '';
if (token !== '') window.history.replaceState(null, '', window.location.pathname);

interface InvitationPageProps {
  onSignedIn: (session: StaffSession) => void;
}

/** An invitee chooses their first password; they are signed in with it. */
export function InvitationPage({ onSignedIn }: InvitationPageProps) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<MessageKey | null>(token === '' ? 'invitation.error.dead' : null);
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    if (Array.from(password).length < 12) { setError('invitation.error.short'); return; }
    if (password !== confirm) { setError('invitation.error.mismatch'); return; }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await acceptInvitation(token, password));
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 404 ? 'invitation.error.dead' : 'invitation.error.unavailable');
      setBusy(false);
    }
  }

  const invalid = error !== null;
  return (
    <div className="narrow">
      <PageHeading title={t('invitation.title')}>{t('invitation.heading')}</PageHeading>
      <p>{t('invitation.intro')}</p>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor="invitation-password">{t('invitation.password')}</label>
          <input id="invitation-password" type="password" autoComplete="new-password" value={password}
            onChange={(event) => setPassword(event.target.value)} aria-invalid={invalid || undefined} aria-describedby={invalid ? 'invitation-error' : undefined} />
        </div>
        <div className="field">
          <label htmlFor="invitation-confirm">{t('invitation.confirm')}</label>
          <input id="invitation-confirm" type="password" autoComplete="new-password" value={confirm}
            onChange={(event) => setConfirm(event.target.value)} aria-invalid={invalid || undefined} aria-describedby={invalid ? 'invitation-error' : undefined} />
        </div>
        <p id="invitation-error" className="error" role="alert">{error ? t(error) : ''}</p>
        <button type="submit" className="button-primary" aria-disabled={busy}>{t('invitation.submit')}</button>
      </form>
    </div>
  );
}
