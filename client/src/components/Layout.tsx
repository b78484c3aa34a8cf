import { useState, type ReactNode } from 'react';
import type { StaffUser } from '../api';
import { t } from '../i18n';
import { administersADesk } from '../permissions';
import { Link, paths } from '../router';

interface LayoutProps {
  /** The signed-in user; without one the header shows only the name of the app. */
  user: StaffUser | null;
  onSignOut: () => Promise<void>;
  children: ReactNode;
}

/** The frame of every screen: skip link, header with navigation, main content. */
export function Layout({ user, onSignOut, children }: LayoutProps) {
  const [signOutFailed, setSignOutFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  async function signOut(): Promise<void> {
    setBusy(true);
    setSignOutFailed(false);
    try {
      await onSignOut();
    } catch {
      setSignOutFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <header className="site-header">
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <span className="brand">{t('app.name')}</span>
        {user && (
          <>
            <nav aria-label={t('nav.label')}>
              <Link to={paths.queue()}>{t('nav.queue')}</Link>
              <Link to={paths.reports()}>{t('nav.reports')}</Link>
              {/* Admins (of any desk) see their team's progress; everyone else goes straight to the modules. */}
              {administersADesk(user) && <Link to={paths.templates()}>{t('nav.templates')}</Link>}
              {administersADesk(user) ? <Link to={paths.training()}>{t('nav.training')}</Link> : <a href="/training">{t('nav.training')}</a>}
              {administersADesk(user) && <Link to={paths.emergency()}>{t('nav.emergency')}</Link>}
              {administersADesk(user) && <Link to={paths.staff()}>{t('nav.staff')}</Link>}
              {administersADesk(user) && <Link to={paths.audit()}>{t('nav.audit')}</Link>}
              <Link to={paths.account()}>{t('nav.account')}</Link>
            </nav>
            <div className="account">
              <span className="signed-in-as">{t('nav.signedInAs', { username: user.username })}</span>
              <button type="button" className="button-secondary" onClick={() => void signOut()} disabled={busy}>
                {t('nav.signOut')}
              </button>
            </div>
          </>
        )}
        <p className="header-alert" role="alert">
          {signOutFailed ? t('nav.signOutFailed') : ''}
        </p>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
