import { useEffect, useState } from 'react';
import { getDuty, isAbort, setDuty, type DutyResponse } from '../api';
import { t } from '../i18n';

type Availability = DutyResponse['desks'][number]['me']['availability'];
const CHOICES: readonly Availability[] = ['available', 'away', 'rota'];

/** Who is on duty for emergencies now on each of the user's desks, and the user's own toggle where they may be on duty. */
export function DutyPanel({ deskNames }: { deskNames: boolean }) {
  const [duty, setDutyState] = useState<DutyResponse | null>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    getDuty(controller.signal).then(setDutyState, (error: unknown) => {
      if (!isAbort(error)) setFailed(true);
    });
    return () => controller.abort();
  }, []);

  async function choose(desk: string, availability: Availability): Promise<void> {
    setBusy(true);
    setFailed(false);
    try {
      setDutyState(await setDuty(desk, availability));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  if (duty === null) return failed ? <p role="alert">{t('duty.failed')}</p> : null;
  return (
    <section className="duty-panel" aria-labelledby="duty-heading">
      <h2 id="duty-heading">{t('duty.heading')}</h2>
      {duty.desks.map((desk) => (
        <div key={desk.desk.slug} className="duty-desk">
          {deskNames && <h3>{desk.desk.name}</h3>}
          <p>{desk.onDuty.length > 0 ? t('duty.now', { names: desk.onDuty.join(', ') }) : t('duty.nobody')}</p>
          {desk.me.eligible && (
            <div className="duty-choice" role="group" aria-label={t('duty.mine', { state: t(`duty.state.${desk.me.availability}`) })}>
              <p>{t('duty.mine', { state: t(`duty.state.${desk.me.availability}`) })}</p>
              {CHOICES.filter((c) => c !== desk.me.availability).map((choice) => (
                <button key={choice} type="button" className="button-secondary" disabled={busy} onClick={() => void choose(desk.desk.slug, choice)}>
                  {t(`duty.set.${choice}`)}
                </button>
              ))}
            </div>
          )}
        </div>
      ))}
      <p role="alert">{failed ? t('duty.failed') : ''}</p>
    </section>
  );
}
