import { useId, useRef, useState, type SubmitEvent } from 'react';
import { ApiError, mergeCase, type CaseDetail } from '../api';
import { t } from '../i18n';

interface MergeFormProps {
  reference: string;
  /** Called with the surviving case, whose page the console then shows. */
  onMerged: (survivor: CaseDetail) => void;
}

/** Merges this case, a duplicate, into another open case of the desk; nothing of it is lost, and its reference leads there. */
export function MergeForm({ reference, onMerged }: MergeFormProps) {
  const id = useId();
  const [into, setInto] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ into?: string; reason?: string; form?: string }>({});
  const formErrorRef = useRef<HTMLParagraphElement>(null);

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const local = {
      ...(into.trim() === '' ? { into: t('merge.intoRequired') } : {}),
      ...(reason.trim() === '' ? { reason: t('merge.reasonRequired') } : {}),
    };
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    try {
      onMerged(await mergeCase(reference, into.trim(), reason));
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        setErrors({ into: error.fields.into, reason: error.fields.reason, form: error.message });
      } else {
        setErrors({ form: error instanceof ApiError && error.status !== 500 ? error.message : t('merge.failed') });
      }
      formErrorRef.current?.focus();
    }
  }

  return (
    <details className="merge-form">
      <summary>{t('merge.heading')}</summary>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <p className="hint">{t('merge.explain')}</p>
        <div className="field">
          <label htmlFor={`${id}-into`}>{t('merge.into')}</label>
          <input id={`${id}-into`} value={into} onChange={(event) => setInto(event.target.value)} aria-required="true" autoComplete="off"
            aria-invalid={errors.into === undefined ? undefined : true} aria-describedby={errors.into === undefined ? undefined : `${id}-into-error`} />
          {errors.into !== undefined && <p id={`${id}-into-error`} className="error">{errors.into}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('merge.reason')}</label>
          <textarea id={`${id}-reason`} rows={2} value={reason} onChange={(event) => setReason(event.target.value)} aria-required="true"
            aria-invalid={errors.reason === undefined ? undefined : true} aria-describedby={errors.reason === undefined ? undefined : `${id}-reason-error`} />
          {errors.reason !== undefined && <p id={`${id}-reason-error`} className="error">{errors.reason}</p>}
        </div>
        <button type="submit" className="button-secondary">{t('merge.submit')}</button>
        <p ref={formErrorRef} tabIndex={-1} role="status" className="error">{errors.form ?? ''}</p>
      </form>
    </details>
  );
}
