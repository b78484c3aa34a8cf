import { useState } from 'react';
import { getSession, signOutEverywhere, type StaffSession } from '../api';
import { PageHeading } from '../components/PageHeading';
import { TotpEnrolment } from '../components/TotpEnrolment';
import { LinkedAccounts } from '../components/LinkedAccounts';
import { t } from '../i18n';

interface AccountPageProps {
  session: StaffSession;
  onSession: (session: StaffSession | null) => void;
}

/** The signed-in person's own account: their second factor, and signing out everywhere. */
export function AccountPage({ session, onSession }: AccountPageProps) {
  const [enrolling, setEnrolling] = useState(false);
  const [failed, setFailed] = useState(false);

  async function everywhere(): Promise<void> {
    setFailed(false);
    try {
      await signOutEverywhere();
      onSession(null);
    } catch {
      setFailed(true);
    }
  }

  return (
    <div className="narrow stack">
      <PageHeading title={t('account.title')}>{t('account.heading')}</PageHeading>
      <p>{t(session.totpEnrolled ? 'account.secondFactorOn' : 'account.secondFactorOff')}</p>
      {!session.totpEnrolled && (enrolling
        ? <TotpEnrolment onDone={() => { setEnrolling(false); void getSession().then(onSession); }} />
        : <button type="button" className="button-secondary" onClick={() => setEnrolling(true)}>{t('account.setUp')}</button>)}
      <LinkedAccounts />
      <section className="stack" aria-labelledby="everywhere-heading">
        <h2 id="everywhere-heading">{t('account.everywhereHeading')}</h2>
        <p>{t('account.everywhereIntro')}</p>
        <button type="button" className="button-secondary" onClick={() => void everywhere()}>{t('account.everywhere')}</button>
        <p className="error" role="alert">{failed ? t('account.everywhereFailed') : ''}</p>
      </section>
    </div>
  );
}
