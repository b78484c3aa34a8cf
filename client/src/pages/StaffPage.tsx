import { useCallback, useEffect, useState, type SubmitEvent } from 'react';
import {
  ApiError, inviteStaff, isAbort, listStaff, resetStaffSecondFactor, setDeskSecondFactor, setStaffActive, setStaffRole,
  type StaffListResponse, type StaffMember,
} from '../api';
import { STAFF_ROLES, type StaffRole } from '../../../src/domain/access-policy';
import { PageHeading } from '../components/PageHeading';
import { formatDateTime } from '../format-time';
import { locale, t, tPlural } from '../i18n';
import { Link, paths } from '../router';

function when(moment: string): string {
  return formatDateTime(moment, locale) ?? moment;
}

/** Staff administration for a desk's admins: desk setting, invitations, and each person's roles and account. */
export function StaffPage({ userId }: { userId: string }) {
  const [listing, setListing] = useState<StaffListResponse | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');

  const load = useCallback((signal?: AbortSignal) => {
    setLoadFailed(false);
    listStaff(signal).then(setListing, (caught: unknown) => { if (!isAbort(caught)) setLoadFailed(true); });
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  async function change(act: () => Promise<unknown>, done = t('staff.saved')): Promise<boolean> {
    setStatus('');
    setProblem('');
    try {
      await act();
      setStatus(done);
      load();
      return true;
    } catch (caught) {
      setProblem(t('staff.failed', { reason: caught instanceof ApiError ? caught.message : String(caught) }));
      return false;
    }
  }

  if (loadFailed) {
    return (
      <div className="stack">
        <PageHeading title={t('staff.title')}>{t('staff.heading')}</PageHeading>
        <p className="error" role="alert">{t('staff.loadFailed')}</p>
        <button type="button" className="button-secondary" onClick={() => load()}>{t('staff.retry')}</button>
      </div>
    );
  }
  return (
    <div className="stack">
      <PageHeading title={t('staff.title')}>{t('staff.heading')}</PageHeading>
      <p className="notice" role="status">{status}</p>
      <p className="error" role="alert">{problem}</p>
      {listing === null ? <p className="loading" role="status">{t('staff.loading')}</p> : (
        <>
          <section className="stack" aria-labelledby="desks-heading">
            <h2 id="desks-heading">{t('staff.desksHeading')}</h2>
            {listing.desks.map((d) => (
              <label key={d.slug} className="checkbox">
                <input type="checkbox" checked={d.requireSecondFactor}
                  onChange={(event) => void change(() => setDeskSecondFactor(d.slug, event.target.checked))} />
                {t('staff.requireSecondFactor', { desk: d.name })}
              </label>
            ))}
          </section>
          <InviteForm desks={listing.desks} onInvite={(input) => change(() => inviteStaff(input), t('staff.invited', { username: input.username }))} />
          <table className="staff-table">
            <caption>{t('staff.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.column.person')}</th>
                <th scope="col">{t('staff.column.roles')}</th>
                <th scope="col">{t('staff.column.security')}</th>
                <th scope="col">{t('staff.column.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {listing.staff.map((person) => (
                <PersonRow key={person.id} person={person} desks={listing.desks} self={person.id === userId} change={change} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

interface PersonRowProps {
  person: StaffMember;
  desks: StaffListResponse['desks'];
  self: boolean;
  change: (act: () => Promise<unknown>) => Promise<boolean>;
}

function PersonRow({ person, desks, self, change }: PersonRowProps) {
  const latest = person.sessions[0];
  return (
    <tr>
      <th scope="row">
        {person.username}
        <br />
        <span className="muted">{t(person.active ? 'staff.active' : 'staff.deactivated')}</span>
      </th>
      <td>
        {desks.map((d) => {
          const held = person.roles.find((r) => r.slug === d.slug)?.role ?? '';
          const id = `role-${person.id}-${d.slug}`;
          return (
            <div className="field" key={d.slug}>
              <label htmlFor={id}>{t('staff.roleOn', { desk: d.name, username: person.username })}</label>
              <select id={id} value={held} disabled={self}
                onChange={(event) => void change(() => setStaffRole(person.id, d.slug, event.target.value === '' ? null : event.target.value as StaffRole))}>
                <option value="">{t('staff.noRole')}</option>
                {STAFF_ROLES.map((role) => <option key={role} value={role}>{role}</option>)}
              </select>
            </div>
          );
        })}
      </td>
      <td>
        <p>{t(person.secondFactor ? 'staff.hasSecondFactor' : 'staff.noSecondFactor')}</p>
        <p>{latest === undefined ? t('staff.noSessions') : tPlural('staff.sessions', person.sessions.length, { when: when(latest.lastSeenAt) })}</p>
        {person.failedSignIns !== null && (
          <p className="warning">{t('staff.failures', { count: person.failedSignIns.count, sources: person.failedSignIns.sources, when: when(person.failedSignIns.lastAt) })}</p>
        )}
      </td>
      <td className="stack">
        <Link to={paths.audit({ staff: person.id })}>{t('staff.auditTrail', { username: person.username })}</Link>
        {!self && person.secondFactor && (
          <button type="button" className="button-secondary" onClick={() => void change(() => resetStaffSecondFactor(person.id))}>
            {t('staff.resetSecondFactor', { username: person.username })}
          </button>
        )}
        {!self && (
          <button type="button" className="button-secondary" onClick={() => void change(() => setStaffActive(person.id, !person.active))}>
            {t(person.active ? 'staff.deactivate' : 'staff.reactivate', { username: person.username })}
          </button>
        )}
      </td>
    </tr>
  );
}

interface InviteFormProps {
  desks: StaffListResponse['desks'];
  onInvite: (input: { username: string; email: string; desk: string; role: StaffRole }) => Promise<boolean>;
}

function InviteForm({ desks, onInvite }: InviteFormProps) {
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [desk, setDesk] = useState(desks[0]?.slug ?? '');
  const [role, setRole] = useState<StaffRole>('handler');

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (await onInvite({ username: username.trim(), email: email.trim(), desk, role })) {
      setUsername('');
      setEmail('');
    }
  }

  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('staff.inviteHeading')}</h2>
      <p>{t('staff.inviteIntro')}</p>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor="invite-username">{t('staff.username')}</label>
          <input id="invite-username" autoCapitalize="none" spellCheck={false} value={username} onChange={(event) => setUsername(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="invite-email">{t('staff.email')}</label>
          <input id="invite-email" type="email" value={email} onChange={(event) => setEmail(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="invite-desk">{t('staff.desk')}</label>
          <select id="invite-desk" value={desk} onChange={(event) => setDesk(event.target.value)}>
            {desks.map((d) => <option key={d.slug} value={d.slug}>{d.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="invite-role">{t('staff.role')}</label>
          <select id="invite-role" value={role} onChange={(event) => setRole(event.target.value as StaffRole)}>
            {STAFF_ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </div>
        <button type="submit" className="button-primary">{t('staff.invite')}</button>
      </form>
    </section>
  );
}
