import { useId, useRef, useState, type SubmitEvent } from 'react';
import { addParty, type CaseDetail } from '../api';
import { t } from '../i18n';
import { addPartyBody, checkPartyForm, describePartyFailure, type PartyFieldErrors, type PartyFormValues } from '../party-form';
import { PartyFields, focusFirstError } from './PartyFields';

const EMPTY: PartyFormValues = { role: 'reported', accountName: '', displayName: '', contactEmail: '', forgetEmail: false };

/** Names someone involved in a case: role, account name, name, address; errors shown beside the fields. */
export function AddPartyForm({ reference, onCase }: { reference: string; onCase: (detail: CaseDetail) => void }) {
  const id = useId();
  const [values, setValues] = useState<PartyFormValues>(EMPTY);
  const [errors, setErrors] = useState<PartyFieldErrors>({});
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const outcomeRef = useRef<HTMLParagraphElement>(null);

  function refuse(found: PartyFieldErrors, text: string): void {
    setErrors(found);
    setOutcome({ text, failed: true });
    if (Object.keys(found).length > 0) focusFirstError(id, found);
    else outcomeRef.current?.focus();
  }

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const local = checkPartyForm(values);
    if (Object.keys(local).length > 0) {
      refuse(local, t('case.parties.error.fix'));
      return;
    }
    const body = addPartyBody(values);
    setBusy(true);
    try {
      onCase(await addParty(reference, body));
      setErrors({});
      setOutcome({ text: t('case.parties.add.done', { name: body.accountName ?? body.displayName ?? '' }), failed: false });
      setValues({ ...EMPTY, role: values.role });
    } catch (error) {
      const failure = describePartyFailure(error);
      refuse(failure.errors, failure.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack add-party" aria-labelledby={`${id}-heading`} onSubmit={(event) => void submit(event)} noValidate>
      <h3 id={`${id}-heading`}>{t('case.parties.add.heading')}</h3>
      <p className="hint">{t('case.parties.add.hint')}</p>
      <PartyFields id={id} values={values} onChange={setValues} errors={errors} />
      <button type="submit" className="button-secondary" aria-disabled={busy}>{t('case.parties.add.submit')}</button>
      <p ref={outcomeRef} tabIndex={-1} role="status" className={outcome?.failed ? 'error' : 'announcement'}>{outcome?.text ?? ''}</p>
    </form>
  );
}
