import { useCallback, useEffect, useState } from 'react';
import { getSession, isAbort, onSecondFactorNeeded, onSessionEnded, signOut, type StaffSession } from './api';
import { Layout } from './components/Layout';
import { t, type MessageKey } from './i18n';
import { CasePage } from './pages/CasePage';
import { NotFound } from './pages/NotFound';
import { Queue } from './pages/Queue';
import { ReportingPage } from './pages/ReportingPage';
import { SignIn } from './pages/SignIn';
import { TrainingPage } from './pages/TrainingPage';
import { EmergencySettingsPage } from './pages/EmergencySettingsPage';
import { AlarmBanner } from './components/AlarmBanner';
import { worksOnSeveralDesks } from './permissions';
import { AccountPage } from './pages/AccountPage';
import { StaffPage } from './pages/StaffPage';
import { AuditPage } from './pages/AuditPage';
import { InvitationPage } from './pages/InvitationPage';
import { SecondFactorStep } from './pages/SecondFactorStep';
import { TemplatesPage } from './pages/TemplatesPage';
import { currentPath, navigate, parseRoute, paths, safeNext, useLocation } from './router';

/** The console: checks the session, then shows the screen the address asks for. */
export function App() {
  const location = useLocation();
  const route = parseRoute(location.pathname);
  // undefined while the first session check runs; null when nobody is signed in.
  const [session, setSession] = useState<StaffSession | null | undefined>(undefined);
  const [notice, setNotice] = useState<MessageKey | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    getSession(controller.signal).then(setSession, (error: unknown) => {
      // The sign-in form reports its own errors if the server stays unreachable.
      if (!isAbort(error)) setSession(null);
    });
    return () => controller.abort();
  }, []);

  useEffect(
    () =>
      onSessionEnded(() => {
        setNotice('signIn.notice.sessionEnded');
        setSession(null);
      }),
    [],
  );

  // A desk began requiring a second factor while this page was open: ask the session again.
  useEffect(() => onSecondFactorNeeded(() => { void getSession().then(setSession, () => setSession(null)); }), []);

  useEffect(() => {
    if (session === null && route.name !== 'signIn' && route.name !== 'invitation') {
      navigate(paths.signIn(currentPath()), { replace: true });
    } else if (session && (route.name === 'signIn' || route.name === 'invitation')) {
      navigate(safeNext(location.search), { replace: true });
    }
  }, [session, route.name, location.search]);

  const handleSignedIn = useCallback((next: StaffSession) => {
    setNotice(null);
    setSession(next);
  }, []);

  const handleSession = useCallback((next: StaffSession | null) => {
    if (next === null) {
      navigate(paths.signIn(), { replace: true });
      setNotice('signIn.notice.signedOut');
    }
    setSession(next);
  }, []);

  const handleSignOut = useCallback(async () => {
    await signOut();
    navigate(paths.signIn(), { replace: true });
    setNotice('signIn.notice.signedOut');
    setSession(null);
  }, []);

  return (
    <Layout user={session?.secondFactor === 'ok' ? session.user : null} onSignOut={handleSignOut}>
      {session?.secondFactor === 'ok' && route.name !== 'signIn' && <AlarmBanner deskNames={worksOnSeveralDesks(session.user)} />}
      {renderScreen()}
    </Layout>
  );

  function renderScreen() {
    if (session === undefined) {
      return (
        <p className="loading" role="status">
          {t('app.loading')}
        </p>
      );
    }
    if (session === null && route.name === 'invitation') return <InvitationPage onSignedIn={handleSignedIn} />;
    if (session && session.secondFactor !== 'ok') return <SecondFactorStep session={session} onSession={handleSession} />;
    if (session === null || route.name === 'signIn' || route.name === 'invitation') {
      return session === null && route.name === 'signIn' ? (
        <SignIn notice={notice} onSignedIn={handleSignedIn} />
      ) : null;
    }
    switch (route.name) {
      case 'queue':
        return <Queue user={session.user} />;
      case 'case':
        return <CasePage key={route.reference} reference={route.reference} user={session.user} />;
      case 'reports':
        return <ReportingPage />;
      case 'training':
        return <TrainingPage user={session.user} />;
      case 'emergency':
        return <EmergencySettingsPage user={session.user} />;
      case 'account':
        return <AccountPage session={session} onSession={handleSession} />;
      case 'staff':
        return <StaffPage userId={session.user.id} />;
      case 'audit':
        return <AuditPage />;
      case 'templates':
        return <TemplatesPage user={session.user} />;
      case 'notFound':
        return <NotFound />;
      default: {
        const unreachable: never = route;
        return unreachable;
      }
    }
  }
}
