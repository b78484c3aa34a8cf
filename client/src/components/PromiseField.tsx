import type { Ref } from 'react';
import { t } from '../i18n';
import { browserTimeZone, isoToLocalInput } from '../local-datetime';
import { PROMISE_MAX_DAYS, latestPromise } from '../promised-update';

interface PromiseFieldProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  now: Date;
  inputRef: Ref<HTMLInputElement>;
}

/** "Promise an update by": a local date and time, with what the promise means and any error. */
export function PromiseField({ id, value, onChange, error, now, inputRef }: PromiseFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{t('case.reply.promise')}</label>
      <p className="hint" id={hintId}>
        {t('case.reply.promiseHint', { days: PROMISE_MAX_DAYS, zone: browserTimeZone() })}
      </p>
      {error !== undefined && (
        <p className="error" id={errorId}>
          {error}
        </p>
      )}
      <input
        ref={inputRef}
        id={id}
        name="promiseUpdateBy"
        type="datetime-local"
        min={isoToLocalInput(now)}
        max={isoToLocalInput(latestPromise(now))}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error !== undefined || undefined}
        aria-describedby={error === undefined ? hintId : `${hintId} ${errorId}`}
      />
    </div>
  );
}
