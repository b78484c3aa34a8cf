import { useEffect, useRef, useState } from 'react';
import { getAlarms, isAbort, type Alarm } from '../api';
import { t } from '../i18n';
import { Link, paths } from '../router';
import { useNow } from '../use-now';

/** How often the console asks for the alarm: every instance reads the same table, so any of them answers. */
export const ALARM_POLL_MS = 1500;

function waiting(raisedAt: string, now: Date): string {
  const minutes = Math.floor(Math.max(0, now.getTime() - Date.parse(raisedAt)) / 60_000);
  return minutes < 1 ? t('alarm.waiting.now') : t('alarm.waiting.minutes', { minutes });
}

/** A short two-tone beep, through Web Audio; only ever called after the user turned sound on with a click. */
function beep(audio: AudioContext): void {
  for (const [offset, frequency] of [[0, 880], [0.25, 660]] as const) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.value = 0.2;
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(audio.currentTime + offset);
    oscillator.stop(audio.currentTime + offset + 0.2);
  }
}

/**
 * The emergency alarm, above every screen of the console: unacknowledged alerts of the user's
 * desks, polled every 1.5 s, staying until someone acknowledges them on the case page. It is
 * visible first; browsers allow sound only after a click, so a button turns the sound on, and
 * from then on it beeps while an alarm stands.
 */
export function AlarmBanner({ deskNames }: { deskNames: boolean }) {
  const [alarms, setAlarms] = useState<Alarm[]>([]);
  const [sound, setSound] = useState(false);
  const audio = useRef<AudioContext | null>(null);
  const now = useNow(15_000);

  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    let controller: AbortController | null = null;
    const poll = async (): Promise<void> => {
      controller = new AbortController();
      try {
        const next = (await getAlarms(controller.signal)).alarms;
        if (!stopped) setAlarms(next);
      } catch (error) {
        // A missed poll is retried at the next one; the banner keeps what it showed.
        if (isAbort(error)) return;
      }
      if (!stopped) timer = window.setTimeout(() => void poll(), ALARM_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      controller?.abort();
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, []);

  const count = alarms.length;
  useEffect(() => {
    if (!sound || count === 0 || audio.current === null) return;
    const context = audio.current;
    beep(context);
    const timer = window.setInterval(() => beep(context), 5000);
    return () => window.clearInterval(timer);
  }, [sound, count]);

  function turnSoundOn(): void {
    audio.current ??= new AudioContext();
    void audio.current.resume();
    setSound(true);
  }

  return (
    <div className="alarm-region" aria-live="assertive">
      {count > 0 && (
        <section className="alarm" aria-labelledby="alarm-heading">
          <h2 id="alarm-heading">{t('alarm.heading')}</h2>
          <ul>
            {alarms.map((alarm) => (
              <li key={alarm.reference}>
                <p>
                  {alarm.count > 1
                    ? t('alarm.wave', { reference: alarm.reference, more: alarm.count - 1, count: alarm.count, waiting: waiting(alarm.raisedAt, now) })
                    : t('alarm.one', { reference: alarm.reference, category: t(`category.${alarm.category}`), waiting: waiting(alarm.raisedAt, now) })}
                  {deskNames && <> {t('alarm.desk', { desk: alarm.desk.name })}</>}
                </p>
                {alarm.floodReason !== null && <p>{t(`alarm.reason.${alarm.floodReason}`)}</p>}
                <Link to={paths.case(alarm.reference)}>{t('alarm.open', { reference: alarm.reference })}</Link>
              </li>
            ))}
          </ul>
          {sound ? <p className="alarm-sound">{t('alarm.sound.on')}</p> : (
            <button type="button" className="button-secondary" onClick={turnSoundOn}>{t('alarm.sound.enable')}</button>
          )}
        </section>
      )}
    </div>
  );
}
