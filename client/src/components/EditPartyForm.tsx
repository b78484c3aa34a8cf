import { useId, useRef, useState, type SubmitEvent } from 'react';
import { editParty, type CaseDetail, type Party } from '../api';
import { t } from '../i18n';
import { describePartyFailure, editPartyBody, partyFormFrom, type PartyFieldErrors, type PartyFormValues } from '../party-form';
import { PartyFields, focusFirstError } from './PartyFields';

interface EditPartyFormProps {
  reference: string;
  party: Party;
  /** The name the list shows, for the heading. */
  name: string;
  onCase: (detail: CaseDetail) => void;
  /** Called when the form is closed, saved or not; `saved` says which. */
  onDone: (saved: string | null) => void;
}

/** Changes what the desk knows about one party; only what changed is sent. */
export function EditPartyForm({ reference, party, name, onCase, onDone }: EditPartyFormProps) {
  const id = useId();
  const [values, setValues] = useState<PartyFormValues>(() => partyFormFrom(party));
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
    // No name check here: a reporter who filed anonymously may stay unnamed; the server decides.
    const changes = editPartyBody(party, values);
    if (changes === null) {
      setErrors({});
      setOutcome({ text: t('case.parties.edit.unchanged'), failed: false });
      return;
    }
    setBusy(true);
    try {
      const detail = await editParty(reference, party.id, changes);
      onCase(detail);
      const changed = detail.parties.find((p) => p.id === party.id);
      onDone(t('case.parties.edit.done', { name: changed?.username ?? changed?.displayName ?? name }));
    } catch (error) {
      const failure = describePartyFailure(error);
      refuse(failure.errors, failure.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack edit-party" aria-labelledby={`${id}-heading`} onSubmit={(event) => void submit(event)} noValidate>
      <h4 id={`${id}-heading`}>{t('case.parties.edit.heading', { name })}</h4>
      <PartyFields id={id} values={values} onChange={setValues} errors={errors}
        editing={{ hasContactEmail: party.hasContactEmail, roleLocked: party.canReceiveReplies }} />
      <div className="inline-controls">
        <button type="submit" className="button-secondary" aria-disabled={busy}>{t('case.parties.edit.submit')}</button>
        <button type="button" className="button-link" onClick={() => onDone(null)}>{t('case.parties.edit.cancel')}</button>
      </div>
      <p ref={outcomeRef} tabIndex={-1} role="status" className={outcome?.failed ? 'error' : 'announcement'}>{outcome?.text ?? ''}</p>
    </form>
  );
}
