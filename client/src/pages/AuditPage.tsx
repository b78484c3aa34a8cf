import { useEffect, useState, type SubmitEvent } from 'react';
import { ApiError, isAbort, listStaff, readAuditTrail, type AuditEntry, type AuditTrailResponse, type StaffMember } from '../api';
import { PageHeading } from '../components/PageHeading';
import { formatDateTime } from '../format-time';
import { locale, t } from '../i18n';
import { navigate, paths, useLocation } from '../router';

type Subject = { case: string } | { staff: string };

function subjectOf(query: URLSearchParams): Subject | null {
  const reference = query.get('case');
  if (reference !== null && reference !== '') return { case: reference };
  const staff = query.get('staff');
  return staff !== null && staff !== '' ? { staff } : null;
}

function who(entry: AuditEntry): string {
  switch (entry.actor.kind) {
    case 'staff':
      return entry.actor.username ?? t('audit.actor.formerStaff');
    case 'reporter':
      return t('audit.actor.reporter');
    case 'public':
      return t('audit.actor.public');
    case 'system':
      return t('audit.actor.system');
    default: {
      const unreachable: never = entry.actor.kind;
      return unreachable;
    }
  }
}

/** The audit console for a desk's admins: one case's trail or one staff member's, newest first, with the chain's state. */
export function AuditPage() {
  const { query } = useLocation();
  const subject = subjectOf(query);
  const subjectKey = subject === null ? '' : JSON.stringify(subject);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [chain, setChain] = useState<AuditTrailResponse['chain']>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    const controller = new AbortController();
    listStaff(controller.signal).then((listing) => setStaff(listing.staff), () => setStaff([]));
    return () => controller.abort();
  }, []);

  useEffect(() => {
    setEntries([]);
    setChain(null);
    setNext(null);
    setProblem('');
    if (subject === null) return undefined;
    const controller = new AbortController();
    setLoading(true);
    readAuditTrail(subject, null, controller.signal).then((page) => {
      setEntries(page.entries);
      setChain(page.chain);
      setNext(page.next);
      setLoading(false);
    }, (caught: unknown) => {
      if (isAbort(caught)) return;
      setLoading(false);
      setProblem(t('audit.loadFailed', { reason: caught instanceof ApiError ? caught.message : String(caught) }));
    });
    return () => controller.abort();
    // The subject is rebuilt on each render; its key (a string) says when it really changed.
  }, [subjectKey]);

  async function older(): Promise<void> {
    if (subject === null || next === null) return;
    setLoading(true);
    try {
      const page = await readAuditTrail(subject, next);
      setEntries((shown) => [...shown, ...page.entries]);
      setNext(page.next);
    } catch (caught) {
      setProblem(t('audit.loadFailed', { reason: caught instanceof ApiError ? caught.message : String(caught) }));
    } finally {
      setLoading(false);
    }
  }

  const title = subject === null ? t('audit.heading')
    : 'case' in subject ? t('audit.ofCase', { reference: subject.case })
      : t('audit.ofStaff', { username: staff.find((s) => s.id === subject.staff)?.username ?? subject.staff });

  return (
    <div className="stack">
      <PageHeading title={t('audit.title')}>{t('audit.heading')}</PageHeading>
      <p>{t('audit.intro')}</p>
      <div className="audit-choices">
        <CaseForm initial={subject !== null && 'case' in subject ? subject.case : ''} />
        <StaffForm staff={staff} initial={subject !== null && 'staff' in subject ? subject.staff : ''} />
      </div>
      <p className="error" role="alert">{problem}</p>
      {subject !== null && (
        <section className="stack" aria-labelledby="trail-heading">
          <h2 id="trail-heading">{title}</h2>
          <p role="status" className={chain !== null && !chain.ok ? 'error' : 'notice'}>
            {chain === null ? '' : chain.ok ? t('audit.chainIntact', { entries: chain.entries })
              : t('audit.chainBroken', { brokenAt: chain.brokenAt, reason: chain.reason })}
          </p>
          {loading && entries.length === 0 ? <p className="loading" role="status">{t('audit.loading')}</p> : (
            <table className="staff-table audit-table">
              <caption>{t('audit.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.column.when')}</th>
                  <th scope="col">{t('audit.column.who')}</th>
                  <th scope="col">{t('audit.column.what')}</th>
                  <th scope="col">{t('audit.column.case')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.length === 0 && <tr><td colSpan={4}>{t('audit.empty')}</td></tr>}
                {entries.map((entry) => (
                  <tr key={entry.seq}>
                    <th scope="row"><time dateTime={entry.at}>{formatDateTime(entry.at, locale) ?? entry.at}</time></th>
                    <td>{who(entry)}</td>
                    <td><code>{entry.action}</code></td>
                    <td>{entry.caseReference ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {next !== null && (
            <button type="button" className="button-secondary" disabled={loading} onClick={() => void older()}>{t('audit.older')}</button>
          )}
        </section>
      )}
    </div>
  );
}

function CaseForm({ initial }: { initial: string }) {
  const [reference, setReference] = useState(initial);
  const [error, setError] = useState('');
  function submit(event: SubmitEvent<HTMLFormElement>): void {
    event.preventDefault();
    const trimmed = reference.trim().toUpperCase();
    if (!/^HV-\d{4}-\d{6}$/.test(trimmed)) {
      setError(t('audit.noCase'));
      return;
    }
    setError('');
    navigate(paths.audit({ case: trimmed }));
  }
  return (
    <form onSubmit={submit} noValidate className="stack">
      <div className="field">
        <label htmlFor="audit-case">{t('audit.caseLabel')}</label>
        <p className="hint" id="audit-case-hint">{t('audit.caseHint')}</p>
        <input id="audit-case" value={reference} onChange={(e) => setReference(e.target.value)}
          aria-describedby={error === '' ? 'audit-case-hint' : 'audit-case-hint audit-case-error'} aria-invalid={error !== ''} />
        {error !== '' && <p className="error" id="audit-case-error">{error}</p>}
      </div>
      <button type="submit">{t('audit.showCase')}</button>
    </form>
  );
}

function StaffForm({ staff, initial }: { staff: StaffMember[]; initial: string }) {
  const [chosen, setChosen] = useState(initial);
  useEffect(() => setChosen(initial), [initial]);
  function submit(event: SubmitEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (chosen !== '') navigate(paths.audit({ staff: chosen }));
  }
  return (
    <form onSubmit={submit} className="stack">
      <div className="field">
        <label htmlFor="audit-staff">{t('audit.staffLabel')}</label>
        <select id="audit-staff" value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{t('audit.chooseStaff')}</option>
          {staff.map((s) => <option key={s.id} value={s.id}>{s.username}</option>)}
        </select>
      </div>
      <button type="submit" disabled={chosen === ''}>{t('audit.showStaff')}</button>
    </form>
  );
}
