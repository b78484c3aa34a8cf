import { useEffect, useRef, useState } from 'react';
import { ApiError, assignToMe, getCase, isAbort } from '../api';
import type { CaseDetail, User } from '../api-types';
import { CaseFacts } from '../components/CaseFacts';
import { EvidenceList } from '../components/EvidenceList';
import { PageHeading } from '../components/PageHeading';
import { PartyList } from '../components/PartyList';
import { Timeline } from '../components/Timeline';
import { t, type MessageKey } from '../i18n';
import { Link, paths } from '../router';
import { useNow } from '../use-now';

interface CasePageProps {
  reference: string;
  user: User;
}

type CaseState = { kind: 'loading' } | { kind: 'failed'; message: MessageKey } | { kind: 'ready'; detail: CaseDetail };

/** One case: summary, assignment, report, people, evidence and timeline. */
export function CasePage({ reference, user }: CasePageProps) {
  const [state, setState] = useState<CaseState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [assigning, setAssigning] = useState(false);
  const [announcement, setAnnouncement] = useState<{ text: MessageKey; failed: boolean } | null>(null);
  const announcementRef = useRef<HTMLParagraphElement>(null);
  const now = useNow();

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    getCase(reference, controller.signal).then(
      (detail) => setState({ kind: 'ready', detail }),
      (error: unknown) => {
        if (isAbort(error) || (error instanceof ApiError && error.status === 401)) return;
        // 400 is a malformed reference in the address: for the reader that is "no such case" too.
        const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
        setState({ kind: 'failed', message: notFound ? 'case.notFound' : 'case.loadFailed' });
      },
    );
    return () => controller.abort();
  }, [reference, attempt]);

  async function assign(): Promise<void> {
    if (assigning) return;
    setAssigning(true);
    setAnnouncement(null);
    try {
      const detail = await assignToMe(reference);
      setState({ kind: 'ready', detail });
      setAnnouncement({ text: 'case.assign.done', failed: false });
      // The button goes away once the case is ours; keep focus near where it was.
      announcementRef.current?.focus();
    } catch {
      setAnnouncement({ text: 'case.assign.failed', failed: true });
    } finally {
      setAssigning(false);
    }
  }

  const detail = state.kind === 'ready' ? state.detail : null;
  const assignedToMe = detail?.assignee?.id === user.id;
  return (
    <>
      <p className="back-link">
        <Link to={paths.queue()}>{t('case.backToQueue')}</Link>
      </p>
      <PageHeading title={t('case.pageTitle', { reference })}>{reference}</PageHeading>
      {state.kind === 'loading' && <p role="status">{t('case.loading')}</p>}
      {state.kind === 'failed' && (
        <div role="alert">
          <p>{t(state.message)}</p>
          {state.message === 'case.loadFailed' && (
            <button type="button" className="button-secondary" onClick={() => setAttempt((n) => n + 1)}>
              {t('case.retry')}
            </button>
          )}
        </div>
      )}
      {detail && (
        <>
          {detail.immediateDanger && <p className="danger-note">{t('case.immediateDanger')}</p>}
          <CaseFacts detail={detail} user={user} now={now} />
          <div className="actions">
            {!assignedToMe && (
              <button type="button" className="button-primary" aria-disabled={assigning} onClick={() => void assign()}>
                {t('case.assign')}
              </button>
            )}
            <p
              ref={announcementRef}
              tabIndex={-1}
              role="status"
              className={announcement?.failed ? 'error' : 'announcement'}
            >
              {announcement ? t(announcement.text) : ''}
            </p>
          </div>
          <section aria-labelledby="report-heading">
            <h2 id="report-heading">{t('case.report.heading')}</h2>
            {detail.reportText.trim() === '' ? (
              <p className="muted">{t('case.report.empty')}</p>
            ) : (
              // Plain text on purpose: the report is the reporter's words, never markup.
              <div className="report-text">{detail.reportText}</div>
            )}
          </section>
          <section aria-labelledby="parties-heading">
            <h2 id="parties-heading">{t('case.parties.heading')}</h2>
            <PartyList parties={detail.parties} />
          </section>
          <section aria-labelledby="evidence-heading">
            <h2 id="evidence-heading">{t('case.evidence.heading')}</h2>
            <EvidenceList evidence={detail.evidence} />
          </section>
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t('case.timeline.heading')}</h2>
            <Timeline events={detail.timeline} />
          </section>
        </>
      )}
    </>
  );
}
