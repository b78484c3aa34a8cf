import { useId, useRef, useState, type SubmitEvent } from 'react';
import { ApiError, triageCase, type CaseDetail } from '../api';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../domain';
import { t } from '../i18n';

/** Triage: change the case's category and severity, with a reason for the timeline. */
export function TriageForm({ reference, detail, onCase }: { reference: string; detail: CaseDetail; onCase: (d: CaseDetail) => void }) {
  const id = useId();
  const [category, setCategory] = useState<Category>(detail.category);
  const [severity, setSeverity] = useState<Severity>(detail.severity);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const changes = { ...(category === detail.category ? {} : { category }), ...(severity === detail.severity ? {} : { severity }) };
    if (Object.keys(changes).length === 0 || reason.trim() === '') {
      setOutcome({ text: t('triage.incomplete'), failed: true });
    } else {
      try {
        onCase(await triageCase(reference, { ...changes, reason }));
        setReason('');
        setOutcome({ text: t('triage.done'), failed: false });
      } catch (error) {
        setOutcome({ text: error instanceof ApiError && error.status === 400 ? error.message : t('triage.failed'), failed: true });
      }
    }
    outcomeRef.current?.focus();
  }

  return (
    <details>
      <summary>{t('triage.heading')}</summary>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-category`}>{t('triage.category')}</label>
          <select id={`${id}-category`} value={category} onChange={(e) => setCategory(CATEGORIES.find((c) => c === e.target.value) ?? category)}>
            {CATEGORIES.map((c) => <option key={c} value={c}>{t(`category.${c}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-severity`}>{t('triage.severity')}</label>
          <select id={`${id}-severity`} value={severity} onChange={(e) => setSeverity(SEVERITIES.find((s) => s === e.target.value) ?? severity)}>
            {SEVERITIES.map((s) => <option key={s} value={s}>{t(`severity.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('triage.reason')}</label>
          <textarea id={`${id}-reason`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} aria-required="true" />
        </div>
        <button type="submit" className="button-secondary">{t('triage.submit')}</button>
        <p ref={outcomeRef} tabIndex={-1} role="status" className={outcome?.failed ? 'error' : 'announcement'}>{outcome?.text ?? ''}</p>
      </form>
    </details>
  );
}
