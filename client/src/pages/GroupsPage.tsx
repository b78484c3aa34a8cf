import { useCallback, useEffect, useState } from 'react';
import {
  addGroupMember, createGroup, deleteGroup, listGroups, listStaff, removeGroupMember, type Group, type StaffMember, type StaffUser,
} from '../api';
import { PageHeading } from '../components/PageHeading';
import { t } from '../i18n';

/**
 * A desk's groups, for its admins: membership is the only key to a restricted case, and admins
 * are not exempt, so an admin who needs in adds themself here (audited, and shown in the list).
 */
export function GroupsPage({ user }: { user: StaffUser }) {
  const adminDesks = user.desks.filter((d) => d.role === 'admin');
  const [groups, setGroups] = useState<Group[]>([]);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [name, setName] = useState('');
  const [desk, setDesk] = useState(adminDesks[0]?.slug ?? '');
  const [adding, setAdding] = useState<Record<string, string>>({});
  const [error, setError] = useState('');

  const load = useCallback(async () => {
    setGroups(await listGroups());
    setStaff((await listStaff()).staff);
  }, []);

  useEffect(() => { load().catch(() => setError(t('groups.failed'))); }, [load]);

  async function run(change: () => Promise<unknown>): Promise<void> {
    setError('');
    try {
      await change();
      await load();
    } catch {
      setError(t('groups.failed'));
    }
  }

  return (
    <div className="stack">
      <PageHeading title={t('groups.title')}>{t('groups.heading')}</PageHeading>
      <p>{t('groups.intro')}</p>
      <p className="error" role="alert">{error}</p>
      {groups.map((g) => {
        const candidates = staff.filter((s) => s.roles.some((r) => r.slug === g.desk.slug) && !g.members.some((m) => m.id === s.id));
        return (
          <section key={g.id} className="stack" aria-labelledby={`group-${g.id}`}>
            <h2 id={`group-${g.id}`}>{g.name}{g.escalation ? ` (${t('groups.escalation')})` : ''}</h2>
            {g.members.length === 0 ? <p className="muted">{t('groups.noMembers')}</p> : (
              <ul>
                {g.members.map((m) => (
                  <li key={m.id}>{m.username}{' '}
                    <button type="button" className="button-secondary" onClick={() => void run(() => removeGroupMember(g.id, m.id))}>
                      {t('groups.remove', { username: m.username, group: g.name })}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <form className="stack" onSubmit={(e) => { e.preventDefault(); const id = adding[g.id]; if (id) void run(() => addGroupMember(g.id, id)); }}>
              <label htmlFor={`add-${g.id}`}>{t('groups.add', { group: g.name })}</label>
              <select id={`add-${g.id}`} value={adding[g.id] ?? ''} onChange={(e) => setAdding({ ...adding, [g.id]: e.target.value })}>
                <option value="">{t('groups.choose')}</option>
                {candidates.map((s) => <option key={s.id} value={s.id}>{s.id === user.id ? t('groups.yourself', { username: s.username }) : s.username}</option>)}
              </select>
              <div><button type="submit" className="button-secondary">{t('groups.addSubmit')}</button></div>
            </form>
            {!g.escalation && (
              <div><button type="button" className="button-secondary" onClick={() => void run(() => deleteGroup(g.id))}>{t('groups.delete', { group: g.name })}</button></div>
            )}
          </section>
        );
      })}
      <section className="stack" aria-labelledby="new-group-heading">
        <h2 id="new-group-heading">{t('groups.newHeading')}</h2>
        <form className="stack" onSubmit={(e) => { e.preventDefault(); if (name.trim() !== '') void run(() => createGroup(desk, name).then(() => setName(''))); }}>
          {adminDesks.length > 1 && (
            <>
              <label htmlFor="group-desk">{t('groups.desk')}</label>
              <select id="group-desk" value={desk} onChange={(e) => setDesk(e.target.value)}>
                {adminDesks.map((d) => <option key={d.slug} value={d.slug}>{d.name}</option>)}
              </select>
            </>
          )}
          <label htmlFor="group-name">{t('groups.name')}</label>
          <input id="group-name" type="text" maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />
          <div><button type="submit">{t('groups.create')}</button></div>
        </form>
      </section>
    </div>
  );
}
