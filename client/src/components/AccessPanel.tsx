import { useEffect, useState } from 'react';
import { listGroups, recuseFromCase, restrictCase, type CaseDetail, type Group } from '../api';
import { t } from '../i18n';

interface AccessPanelProps {
  detail: CaseDetail;
  /** Whether the user may restrict the case (they work cases on its desk). */
  canRestrict: boolean;
  /** Called after a change; `gone` when the case is now out of the user's sight. */
  onChanged: (gone: boolean) => void;
}

/**
 * Who may see this case: restricting it to a group of its desk (or lifting that), and
 * recusing oneself. Outside the group, and for someone recused, the case simply does not exist.
 */
export function AccessPanel({ detail, canRestrict, onChanged }: AccessPanelProps) {
  const [groups, setGroups] = useState<Group[]>([]);
  const [choice, setChoice] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const desk = detail.desk.slug;

  useEffect(() => {
    const controller = new AbortController();
    listGroups(desk, controller.signal).then(setGroups, () => setGroups([]));
    return () => controller.abort();
  }, [desk]);

  const current = groups.find((g) => g.id === detail.restrictedToGroup);

  async function restrict(group: string | null): Promise<void> {
    setError('');
    try {
      const result = await restrictCase(detail.reference, group);
      onChanged(!result.stillVisible);
    } catch {
      setError(t('case.access.failed'));
    }
  }

  async function recuse(): Promise<void> {
    setError('');
    try {
      await recuseFromCase(detail.reference, reason);
      onChanged(true);
    } catch {
      setError(t('case.access.failed'));
    }
  }

  return (
    <section aria-labelledby="access-heading" className="stack">
      <h2 id="access-heading">{t('case.access.heading')}</h2>
      <p>{detail.restrictedToGroup === null ? t('case.access.open') : t('case.access.restricted', { group: current?.name ?? '' })}</p>
      {detail.recusalEscalated && <p className="danger-note">{t('case.access.escalated')}</p>}
      {canRestrict && (
        <form className="stack" onSubmit={(e) => { e.preventDefault(); if (choice !== '') void restrict(choice); }}>
          <label htmlFor="restrict-group">{t('case.access.group')}</label>
          <select id="restrict-group" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">{t('case.access.choose')}</option>
            {groups.filter((g) => g.id !== detail.restrictedToGroup).map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
          </select>
          <p className="muted">{t('case.access.hint')}</p>
          <div className="inline-controls">
            <button type="submit" className="button-secondary">{t('case.access.restrict')}</button>
            {detail.restrictedToGroup !== null && (
              <button type="button" className="button-secondary" onClick={() => void restrict(null)}>{t('case.access.lift')}</button>
            )}
          </div>
        </form>
      )}
      <form className="stack" onSubmit={(e) => { e.preventDefault(); void recuse(); }}>
        <label htmlFor="recuse-reason">{t('case.access.recuseReason')}</label>
        <textarea id="recuse-reason" rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
        <div><button type="submit" className="button-secondary">{t('case.access.recuse')}</button></div>
      </form>
      <p className="error" role="alert">{error}</p>
    </section>
  );
}
