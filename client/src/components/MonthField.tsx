import type { Ref } from 'react';
import { t } from '../i18n';

interface MonthFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
}

/** A month input (`YYYY-MM`) with its label, a hint for browsers without a month picker, and any error. */
export function MonthField({ id, label, value, onChange, error, inputRef }: MonthFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={hintId}>
        {t('reports.monthHint')}
      </p>
      {error !== undefined && (
        <p className="error" id={errorId}>
          {error}
        </p>
      )}
      <input
        ref={inputRef}
        id={id}
        type="month"
        // Browsers without a month picker show a text box; the pattern keeps their input honest.
        pattern="[0-9]{4}-[0-9]{2}"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error !== undefined || undefined}
        aria-describedby={error === undefined ? hintId : `${hintId} ${errorId}`}
      />
    </div>
  );
}
