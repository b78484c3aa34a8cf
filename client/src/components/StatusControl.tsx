import { useId, useState } from 'react';
import { moveStatus, reopenCase, type CaseDetail } from '../api';
import { t } from '../i18n';
import { CaseActionForm } from './CaseActionForm';

type Move = CaseDetail['legalMoves'][number];
type WaitingOn = NonNullable<CaseDetail['waiting']>['on'];
const WAITING_ON: readonly WaitingOn[] = ['reporter', 'target', 'other_person', 'outside_venue'];

/** The moves the lifecycle allows now (the server lists them), or reopening a closed case. */
export function StatusControl({ detail, onCase }: { detail: CaseDetail; onCase: (detail: CaseDetail) => void }) {
  const id = useId();
  const moves = detail.legalMoves;
  const [to, setTo] = useState<Move | ''>(moves[0] ?? '');
  const [waitingOn, setWaitingOn] = useState<WaitingOn>('reporter');
  const [days, setDays] = useState('7');
  const reference = detail.reference;
  const chosen: Move | undefined = moves.find((m) => m === to) ?? moves[0];

  if (detail.status === 'closed') {
    return (
      <CaseActionForm heading="reopen.heading" label="reopen.reason" submit="reopen.submit" failed="reopen.error"
        send={(reason) => reopenCase(reference, { reason })} onCase={onCase} />
    );
  }
  if (chosen === undefined) return <p className="muted">{t('statusMove.none')}</p>;
  return (
    <CaseActionForm heading="statusMove.heading" label="statusMove.reason" optional submit="statusMove.submit" failed="statusMove.error"
      intro={<p className="muted">{t('statusMove.closeHint')}</p>}
      send={(reason) => moveStatus(reference, {
        to: chosen, ...(reason === '' ? {} : { reason }),
        ...(chosen === 'waiting' ? { waitingOn, remindAfterDays: Number.parseInt(days, 10) || 7 } : {}),
      })}
      onCase={(d) => { onCase(d); setTo(d.legalMoves[0] ?? ''); }}>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('statusMove.to')}</label>
        <select id={`${id}-to`} value={chosen} onChange={(e) => setTo(moves.find((m) => m === e.target.value) ?? chosen)}>
          {moves.map((m) => <option key={m} value={m}>{t(`status.${m}`)}</option>)}
        </select>
      </div>
      {chosen === 'waiting' && (
        <>
          <div className="field">
            <label htmlFor={`${id}-on`}>{t('statusMove.waitingOn')}</label>
            <select id={`${id}-on`} value={waitingOn} onChange={(e) => setWaitingOn(WAITING_ON.find((w) => w === e.target.value) ?? 'reporter')}>
              {WAITING_ON.map((w) => <option key={w} value={w}>{t(`waitingOn.${w}`)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-days`}>{t('statusMove.remindAfterDays')}</label>
            <input id={`${id}-days`} type="number" min={1} max={60} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />
          </div>
        </>
      )}
    </CaseActionForm>
  );
}
