import { useEffect, useState } from 'react';
import { acknowledgeAlert, ApiError, forwardPacket, getAlert, isAbort, type EmergencyAlert } from '../api';
import { formatDateTime } from '../format-time';
import { locale, t } from '../i18n';

interface AlertPanelProps {
  reference: string;
  /** Whether the user may act on the case (acknowledge, forward); others only read. */
  canAct: boolean;
}

const when = (moment: string): string => formatDateTime(moment, locale) ?? moment;

/**
 * A case's emergency alert on its page: whether someone acknowledged it (opening the page does
 * not), when the packet goes by itself, and the two deliberate acts: acknowledge the alert, and
 * forward the packet to the desk's emergency contact.
 */
export function AlertPanel({ reference, canAct }: AlertPanelProps) {
  const [alert, setAlert] = useState<EmergencyAlert | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  // Read again every few seconds, so an acknowledgement, forward or confirmation made elsewhere shows here too.
  useEffect(() => {
    const controller = new AbortController();
    const load = (): void => {
      getAlert(reference, controller.signal).then(setAlert, (error: unknown) => {
        if (!isAbort(error)) setFailed(t('alert.failed'));
      });
    };
    load();
    const timer = window.setInterval(load, 5000);
    return () => {
      window.clearInterval(timer);
      controller.abort();
    };
  }, [reference]);

  if (alert === null) return failed === null ? null : <p role="alert">{failed}</p>;

  async function act(action: (reference: string) => Promise<EmergencyAlert | null>): Promise<void> {
    setBusy(true);
    setFailed(null);
    try {
      setAlert(await action(reference));
    } catch (error) {
      setFailed(error instanceof ApiError && error.status !== 0 ? error.message : t('alert.failed'));
      // Someone else may have acted first: show the alert as it is now.
      getAlert(reference).then(setAlert, () => undefined);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="alert-panel" aria-labelledby="alert-heading">
      <h2 id="alert-heading">{t('alert.heading')}</h2>
      <p>{t('alert.raised', { at: when(alert.raisedAt) })}</p>
      {alert.acknowledgedAt === null ? <p className="danger-note">{t('alert.open')}</p>
        : <p>{t('alert.acknowledged', { username: alert.acknowledgedBy ?? '?', at: when(alert.acknowledgedAt) })}</p>}
      {alert.held && <p className="warning-note">{t('alert.held', { count: alert.waveSize })}</p>}
      {alert.autoForwardAt !== null && alert.hasContact && <p>{t('alert.autoForward', { at: when(alert.autoForwardAt) })}</p>}
      {alert.forwardedAt !== null && <p>{t('alert.forwarded', { at: when(alert.forwardedAt) })}</p>}
      {alert.forwardedAt !== null && (alert.confirmedAt === null ? alert.fallbackAt === null && <p>{t('alert.unconfirmed')}</p>
        : <p>{t('alert.confirmed', { at: when(alert.confirmedAt) })}</p>)}
      {alert.fallbackAt !== null && <p>{t('alert.fallback', { at: when(alert.fallbackAt) })}</p>}
      {canAct && (
        <div className="alert-actions">
          {alert.acknowledgedAt === null && (
            <p>
              <button type="button" onClick={() => void act(acknowledgeAlert)} disabled={busy}>{t('alert.acknowledge')}</button>
              <span className="hint"> {t('alert.acknowledge.hint')}</span>
            </p>
          )}
          {alert.forwardedAt === null && alert.hasContact && (
            <p>
              <button type="button" className="button-secondary" onClick={() => void act(forwardPacket)} disabled={busy}>{t('alert.forward')}</button>
              <span className="hint"> {t('alert.forward.hint')}</span>
            </p>
          )}
        </div>
      )}
      <p role="alert">{failed ?? ''}</p>
    </section>
  );
}
