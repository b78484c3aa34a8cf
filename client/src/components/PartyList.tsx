import { useState } from 'react';
import { removeParty, type CaseDetail, type Party } from '../api';
import { t } from '../i18n';
import { AddPartyForm } from './AddPartyForm';
import { EditPartyForm } from './EditPartyForm';
import { TargetAccessForm } from './TargetAccessForm';
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

/** The people involved in a case, with their role; handlers add, change and remove them, and give the target a code. */
export function PartyList({ detail, canChange, onCase }: PartyListProps) {
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
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

  return (
    <>
      {taskOpen && (
        <div className="task-note">
          <p>{t('case.task.contactTarget')}</p>
          {canChange && target === undefined && <p className="hint">{t('case.task.addTargetFirst')}</p>}
          {canChange && target !== undefined && <TargetAccessForm reference={detail.reference} target={target} onCase={onCase} />}
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
              {canChange && editing !== party.id && (
                <> <button type="button" className="button-link" onClick={() => { setEditing(party.id); setOutcome(null); }}>
                  {t('case.parties.edit.open', { name: partyName(party) })}
                </button></>
              )}
              {canChange && !party.canReceiveReplies && !detail.messages.some((m) => m.partyId === party.id) && (
                <> <button type="button" className="button-link" onClick={() => void remove(party)}>{t('case.parties.remove', { name: partyName(party) })}</button></>
              )}
              {canChange && editing === party.id && (
                <EditPartyForm reference={detail.reference} party={party} name={partyName(party)} onCase={onCase}
                  onDone={(saved) => { setEditing(null); setOutcome(saved === null ? null : { text: saved, failed: false }); }} />
              )}
            </li>
          ))}
        </ul>
      )}
      <p role="status" className={outcome?.failed ? 'error' : 'announcement'}>{outcome?.text ?? ''}</p>
      {canChange && <AddPartyForm reference={detail.reference} onCase={onCase} />}
    </>
  );
}
