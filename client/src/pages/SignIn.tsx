import { useRef, useState, type SubmitEvent } from 'react';
import { ApiError, signIn, type StaffSession } from '../api';
import { PageHeading } from '../components/PageHeading';
import { t, type MessageKey } from '../i18n';

interface SignInProps {
  /** Why the user is here (signed out, session ended), if there is something to say. */
  notice: MessageKey | null;
  onSignedIn: (session: StaffSession) => void;
}

function errorMessage(error: unknown): MessageKey {
  if (!(error instanceof ApiError)) return 'signIn.error.unavailable';
  if (error.status === 0) return 'signIn.error.network';
  if (error.status === 401) return 'signIn.error.invalidCredentials';
  if (error.status === 429) return 'signIn.error.throttled';
  return 'signIn.error.unavailable';
}

/** The staff sign-in form. */
export function SignIn({ notice, onSignedIn }: SignInProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    if (username.trim() === '' || password === '') {
      setError('signIn.error.missing');
      (username.trim() === '' ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(username.trim(), password));
    } catch (caught) {
      setError(errorMessage(caught));
      // A wrong password is retyped; the username usually was right.
      setPassword('');
      setBusy(false);
      passwordRef.current?.focus();
    }
  }

  const invalid = error !== null;
  return (
    <div className="narrow">
      <PageHeading title={t('signIn.title')}>{t('signIn.heading')}</PageHeading>
      <p className="notice" role="status">
        {notice ? t(notice) : ''}
      </p>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor="sign-in-username">{t('signIn.username')}</label>
          <input
            ref={usernameRef}
            id="sign-in-username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? 'sign-in-error' : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">{t('signIn.password')}</label>
          <input
            ref={passwordRef}
            id="sign-in-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? 'sign-in-error' : undefined}
          />
        </div>
        <p id="sign-in-error" className="error" role="alert">
          {error ? t(error) : ''}
        </p>
        {/* aria-disabled, not disabled: a disabled button would drop keyboard focus. */}
        <button type="submit" className="button-primary" aria-disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}

