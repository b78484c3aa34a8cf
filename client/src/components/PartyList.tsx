import type { Party } from '../api';
import { t } from '../i18n';

/** The people involved in a case, each with their role. */
export function PartyList({ parties }: { parties: Party[] }) {
  if (parties.length === 0) return <p className="muted">{t('case.parties.empty')}</p>;
  return (
    <ul className="plain-list">
      {parties.map((party) => (
        <li key={party.id}>
          <span className="label">{t(`partyRole.${party.role}`)}</span>{' '}
          {party.username ?? <span className="muted">{t('case.parties.noUsername')}</span>}
        </li>
      ))}
    </ul>
  );
}
