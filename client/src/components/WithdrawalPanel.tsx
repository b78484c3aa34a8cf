import { continueAfterWithdrawal, type CaseDetail } from '../api';
import { formatDateTime } from '../format-time';
import { locale, t } from '../i18n';
import { CaseActionForm } from './CaseActionForm';

/** Shown while the reporter's request to withdraw waits for a decision: keep investigating, saying why (closing as withdrawn is the close form). */
export function WithdrawalPanel({ detail, onCase }: { detail: CaseDetail; onCase: (detail: CaseDetail) => void }) {
  if (detail.withdrawalRequestedAt === null || detail.status === 'closed') return null;
  const at = formatDateTime(detail.withdrawalRequestedAt, locale) ?? detail.withdrawalRequestedAt;
  return (
    <CaseActionForm heading="withdrawal.heading" label="withdrawal.message" submit="withdrawal.continue" failed="withdrawal.error"
      intro={<><p>{t('withdrawal.requested', { at })}</p><p className="muted">{t('withdrawal.intro')}</p></>}
      send={(message) => continueAfterWithdrawal(detail.reference, { decision: 'continue', message })} onCase={onCase} />
  );
}
