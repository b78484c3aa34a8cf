import { useId, useState, type SubmitEvent } from 'react';
import { addParty, getCase, issueAccessCode, removeParty, type CaseDetail, type Party } from '../api';
import { PARTY_ROLES, type PartyRole } from '../domain';
import { t } from '../i18n';
import { TargetWishesForm } from './TargetWishesForm';

/** How the console names a party: account name, then display name, then the role alone. */
export function partyName(party: Party): string {
  return party.username ?? party.displayName ?? t('case.party.unnamed', { role: t(`partyRole.${party.role}`) });
}

interface PartyListProps {
  detail: CaseDetail;
  /** Whether the signed-in user may change the case (reviewers may not). */
  canChange: boolean;
  onCase: (detail: CaseDetail) => void;
}

/** The people involved in a case, with their role; handlers add and remove them, and give the target a code. */
export function PartyList({ detail, canChange, onCase }: PartyListProps) {
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean; code?: string } | null>(null);
  const { parties } = detail;
  const target = parties.find((p) => p.role === 'target');
  // A third-party report leaves a task open until the target's wishes are recorded.
  const taskOpen = detail.reporterRole !== 'target' && !detail.timeline.some((e) => e.type === 'target_wishes_recorded');

  async function remove(party: Party): Promise<void> {
    try {
      onCase(await removeParty(detail.reference, party.id));
      setOutcome(null);
    } catch {
      setOutcome({ text: t('case.parties.removeFailed'), failed: true });
    }
  }

  async function issueCode(party: Party): Promise<void> {
    try {
      const code = await issueAccessCode(detail.reference, party.id);
      // The target now holds a code: their thread and reply form appear.
      onCase(await getCase(detail.reference));
      setOutcome(code === null ? null : { text: t('case.task.codeShown'), failed: false, code });
    } catch {
      setOutcome({ text: t('case.task.codeFailed'), failed: true });
    }
  }

  return (
    <>
      {taskOpen && (
        <div className="task-note">
          <p>{t('case.task.contactTarget')}</p>
          {canChange && target !== undefined && (
            <button type="button" className="button-secondary" onClick={() => void issueCode(target)}>{t('case.task.issueCode')}</button>
          )}
          {canChange && target !== undefined && <TargetWishesForm reference={detail.reference} target={target} onCase={onCase} />}
        </div>
      )}
      {parties.length === 0 ? <p className="muted">{t('case.parties.empty')}</p> : (
        <ul className="plain-list">
          {parties.map((party) => (
            <li key={party.id}>
              <span className="label">{t(`partyRole.${party.role}`)}</span>{' '}
              {party.username ?? <span className="muted">{t('case.parties.noUsername')}</span>}
              {party.displayName !== null && <> · {party.displayName}</>}
              {party.hasContactEmail && <span className="muted"> · {t('case.parties.hasEmail')}</span>}
              {canChange && !party.canReceiveReplies && !detail.messages.some((m) => m.partyId === party.id) && (
                <> <button type="button" className="button-link" onClick={() => void remove(party)}>{t('case.parties.remove', { name: partyName(party) })}</button></>
              )}
            </li>
          ))}
        </ul>
      )}
      <p role="status" className={outcome?.failed ? 'error' : 'announcement'}>
        {outcome?.text ?? ''}{outcome?.code !== undefined && <> <code className="access-code">{outcome.code}</code></>}
      </p>
      {canChange && <AddPartyForm reference={detail.reference} onCase={onCase} />}
    </>
  );
}

function AddPartyForm({ reference, onCase }: { reference: string; onCase: (detail: CaseDetail) => void }) {
  const id = useId();
  const [role, setRole] = useState<PartyRole>('reported');
  const [accountName, setAccountName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [contactEmail, setContactEmail] = useState('');
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const value = (s: string) => (s.trim() === '' ? null : s.trim());
    try {
      const detail = await addParty(reference, { role, accountName: value(accountName), displayName: value(displayName), contactEmail: value(contactEmail) });
      onCase(detail);
      setOutcome({ text: t('case.parties.add.done', { name: value(accountName) ?? value(displayName) ?? '' }), failed: false });
      setAccountName('');
      setDisplayName('');
      setContactEmail('');
    } catch {
      setOutcome({ text: t('case.parties.add.failed'), failed: true });
    }
  }

  return (
    <form className="stack add-party" aria-labelledby={`${id}-heading`} onSubmit={(event) => void submit(event)} noValidate>
      <h3 id={`${id}-heading`}>{t('case.parties.add.heading')}</h3>
      <p className="hint">{t('case.parties.add.hint')}</p>
      <div className="field">
        <label htmlFor={`${id}-role`}>{t('case.parties.add.role')}</label>
        <select id={`${id}-role`} value={role} onChange={(event) => setRole(PARTY_ROLES.find((r) => r === event.target.value) ?? 'reported')}>
          {PARTY_ROLES.map((r) => <option key={r} value={r}>{t(`partyRole.${r}`)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-account`}>{t('case.parties.add.accountName')}</label>
        <input id={`${id}-account`} type="text" value={accountName} onChange={(event) => setAccountName(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('case.parties.add.displayName')}</label>
        <input id={`${id}-name`} type="text" value={displayName} onChange={(event) => setDisplayName(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t('case.parties.add.contactEmail')}</label>
        <input id={`${id}-email`} type="email" value={contactEmail} onChange={(event) => setContactEmail(event.target.value)} />
      </div>
      <button type="submit" className="button-secondary">{t('case.parties.add.submit')}</button>
      <p role="status" className={outcome?.failed ? 'error' : 'announcement'}>{outcome?.text ?? ''}</p>
    </form>
  );
}
