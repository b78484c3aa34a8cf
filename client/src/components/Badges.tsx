import type { Severity, Status } from '../domain';
import { t } from '../i18n';

/** A severity as a text label; emergencies stand out by weight and border, not colour alone. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge severity-${severity}`}>{t(`severity.${severity}`)}</span>;
}

/** A status as a text label. */
export function StatusBadge({ status }: { status: Status }) {
  return <span className={`badge status-${status.replace('_', '-')}`}>{t(`status.${status}`)}</span>;
}
