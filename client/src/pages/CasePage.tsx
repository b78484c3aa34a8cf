import { useCallback, useEffect, useState } from 'react';
import { ApiError, getCase, isAbort, type CaseDetail, type StaffUser } from '../api';
import { CaseFacts } from '../components/CaseFacts';
import { ClaimControl } from '../components/ClaimControl';
import { AlertPanel } from '../components/AlertPanel';
import { Conversation } from '../components/Conversation';
import { CloseForm } from '../components/CloseForm';
import { EvidenceList } from '../components/EvidenceList';
import { EvidenceFiles } from '../components/EvidenceFiles';
import { PageHeading } from '../components/PageHeading';
import { PartyList } from '../components/PartyList';
import { ConsentPanel } from '../components/ConsentPanel';
import { Timeline } from '../components/Timeline';
import { StatusControl } from '../components/StatusControl';
import { NotesPanel } from '../components/NotesPanel';
import { WithdrawalPanel } from '../components/WithdrawalPanel';
import { formatDateTime } from '../format-time';
import { RoutingPanel } from '../components/RoutingPanel';
import { ReviewPanel } from '../components/ReviewPanel';
import { ReferralPanel } from '../components/ReferralPanel';
import { MergeForm } from '../components/MergeForm';
import { TriageForm } from '../components/TriageForm';
import { locale, t, tPlural, type MessageKey } from '../i18n';
import { mayReadAudit, mayWorkCases } from '../permissions';
import { Link, navigate, paths, useLocation } from '../router';
import { AccessPanel } from '../components/AccessPanel';
import { useNow } from '../use-now';
import { useDeskTemplates } from '../use-desk-templates';

interface CasePageProps {
  reference: string;
  user: StaffUser;
}

type CaseState = { kind: 'loading' } | { kind: 'failed'; message: MessageKey } | { kind: 'ready'; detail: CaseDetail };

/** One case: summary, assignment, report, people, conversation, evidence and timeline. */
export function CasePage({ reference, user }: CasePageProps) {
  const [state, setState] = useState<CaseState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // Bumped after a change that other panels show (a venue chosen marks the case for review).
  const [revision, setRevision] = useState(0);
  const now = useNow();
  const templates = useDeskTemplates(state.kind === 'ready' ? state.detail.desk.slug : null);

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    getCase(reference, controller.signal).then(
      (detail) => {
        // A merged duplicate's reference answers with the case it was merged into: show that case at its own address.
        if (detail.reference !== reference) navigate(`${paths.case(detail.reference)}?mergedFrom=${encodeURIComponent(reference)}`, { replace: true });
        else setState({ kind: 'ready', detail });
      },
      (error: unknown) => {
        if (isAbort(error) || (error instanceof ApiError && error.status === 401)) return;
        // 400 is a malformed reference in the address: for the reader that is "no such case" too.
        const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
        setState({ kind: 'failed', message: notFound ? 'case.notFound' : 'case.loadFailed' });
      },
    );
    return () => controller.abort();
  }, [reference, attempt]);

  // Every change answers with the whole case as stored; show that, not a local guess.
  const showCase = useCallback((detail: CaseDetail) => setState({ kind: 'ready', detail }), []);
  const triaged = useCallback((detail: CaseDetail) => { setState({ kind: 'ready', detail }); setRevision((n) => n + 1); }, []);
  // The routing and review panels change the case on the server; reload it for its timeline and status.
  const reload = useCallback(() => {
    setRevision((n) => n + 1);
    getCase(reference).then((detail) => setState({ kind: 'ready', detail }), () => {});
  }, [reference]);

  const detail = state.kind === 'ready' ? state.detail : null;
  const mergedFrom = useLocation().query.get('mergedFrom');
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
          {mergedFrom !== null && <p className="pattern-note" role="status">{t('merge.redirected', { from: mergedFrom, into: detail.reference })}</p>}
          {detail.immediateDanger && <p className="danger-note">{t('case.immediateDanger')}</p>}
          {detail.severity === 'emergency' && <AlertPanel reference={reference} canAct={mayWorkCases(user, detail.desk.slug)} />}
          <CaseFacts detail={detail} user={user} now={now} />
          {mayReadAudit(user, detail.desk.slug) && <p><Link to={paths.audit({ case: reference })}>{t('case.auditTrail')}</Link></p>}
          {detail.linkedCases > 0 && <p className="pattern-note">{tPlural('case.linked', detail.linkedCases)}</p>}
          <ClaimControl reference={reference} detail={detail} user={user} onCase={showCase} />
          {detail.waiting !== null && (
            <p className="waiting-note">{t('case.waiting', {
              who: t(`waitingOn.${detail.waiting.on}`), since: formatDateTime(detail.waiting.since, locale) ?? detail.waiting.since,
              remindAt: formatDateTime(detail.waiting.remindAt, locale) ?? detail.waiting.remindAt,
            })}</p>
          )}
          {mayWorkCases(user, detail.desk.slug) && <WithdrawalPanel detail={detail} onCase={showCase} />}
          {mayWorkCases(user, detail.desk.slug) && <StatusControl key={detail.status} detail={detail} onCase={showCase} />}
          {mayWorkCases(user, detail.desk.slug) && <TriageForm key={`${detail.category}-${detail.severity}`} reference={reference} detail={detail} onCase={triaged} />}
          <section aria-labelledby="report-heading">
            <h2 id="report-heading">{t('case.report.heading')}</h2>
            {detail.reportText.trim() === '' ? (
              <p className="muted">{t('case.report.empty')}</p>
            ) : (
              // Plain text on purpose: the report is the reporter's words, never markup.
              <div className="report-text">{detail.reportText}</div>
            )}
          </section>
          <section aria-labelledby="routing-heading">
            <h2 id="routing-heading">{t('routing.heading')}</h2>
            <RoutingPanel reference={reference} canWork={mayWorkCases(user, detail.desk.slug)} revision={revision} onChanged={reload} />
          </section>
          <section aria-labelledby="review-heading">
            <h2 id="review-heading">{t('review.heading')}</h2>
            <ReviewPanel reference={reference} status={detail.status} canWork={mayWorkCases(user, detail.desk.slug)} revision={revision} onChanged={reload} />
          </section>
          <section aria-labelledby="referral-heading">
            <h2 id="referral-heading">{t('referral.heading')}</h2>
            <ReferralPanel reference={reference} deskSlug={detail.desk.slug} status={detail.status} canWork={mayWorkCases(user, detail.desk.slug)}
              isAdmin={user.desks.some((d) => d.slug === detail.desk.slug && d.role === 'admin')} revision={revision} onChanged={reload} />
          </section>
          <section aria-labelledby="parties-heading">
            <h2 id="parties-heading">{t('case.parties.heading')}</h2>
            <PartyList detail={detail} canChange={mayWorkCases(user, detail.desk.slug)} onCase={showCase} />
          </section>
          <ConsentPanel detail={detail} canChange={mayWorkCases(user, detail.desk.slug)} />
          <section aria-labelledby="conversation-heading">
            <h2 id="conversation-heading">{t('case.conversation.heading')}</h2>
            <Conversation detail={detail} canReply={mayWorkCases(user, detail.desk.slug)} now={now} onCase={showCase}
              templates={templates} handlerName={user.username} />
          </section>
          <NotesPanel detail={detail} canWrite={mayWorkCases(user, detail.desk.slug)} onCase={showCase} />
          <AccessPanel detail={detail} canRestrict={mayWorkCases(user, detail.desk.slug)}
            onChanged={(gone) => { if (gone) navigate(paths.queue()); else reload(); }} />
          {detail.closing !== null && (
            <section aria-labelledby="closing-heading" className="closing-record">
              <h2 id="closing-heading">{t('case.closing.heading')}</h2>
              <p><strong>{t(`outcome.${detail.closing.outcome}`)}</strong></p>
              <div className="report-text">{detail.closing.summary}</div>
              <div className="report-text">{detail.closing.findings}</div>
              <p>{t('case.closing.reviewedBy', { names: detail.closing.reviewedBy.map((r) => r.username).join(', ') })}</p>
              {detail.closing.nextSteps !== null && <p className="report-text">{t('case.closing.nextSteps', { text: detail.closing.nextSteps })}</p>}
            </section>
          )}
          {detail.status !== 'closed' && mayWorkCases(user, detail.desk.slug) && <CloseForm detail={detail} onClosed={showCase} />}
          {detail.status !== 'closed' && mayWorkCases(user, detail.desk.slug) && (
            <MergeForm reference={reference} onMerged={(survivor) => navigate(`${paths.case(survivor.reference)}?mergedFrom=${encodeURIComponent(reference)}`)} />
          )}
          <section aria-labelledby="evidence-heading">
            <h2 id="evidence-heading">{t('case.evidence.heading')}</h2>
            <EvidenceList evidence={detail.evidence} reference={reference} onCase={mayWorkCases(user, detail.desk.slug) ? showCase : undefined} />
            <h3 id="files-heading">{t('case.files.heading')}</h3>
            <EvidenceFiles files={detail.files} reference={reference} />
          </section>
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t('case.timeline.heading')}</h2>
            <Timeline events={detail.timeline} messages={[...detail.messages, ...detail.notes]} />
          </section>
        </>
      )}
    </>
  );
}
