import { useId, useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import { ApiError, type CaseDetail } from '../api';
import { t, type MessageKey } from '../i18n';

interface CaseActionFormProps {
  heading: MessageKey;
  /** The text field's label, and whether it may be left empty. */
  label: MessageKey;
  optional?: boolean;
  submit: MessageKey;
  /** The failure message, with `{message}` for the server's reason. */
  failed: MessageKey;
  intro?: ReactNode;
  /** Fields before the text field (a status to move to, say). */
  children?: ReactNode;
  /** Sends the action with the text typed; answers with the case as the server now has it. */
  send: (text: string) => Promise<CaseDetail>;
  onCase: (detail: CaseDetail) => void;
}

/** One action on a case with a text field (a note, a reason, a message), its send and what became of it. */
export function CaseActionForm({ heading, label, optional = false, submit, failed, intro, children, send, onCase }: CaseActionFormProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onCase(await send(text.trim()));
      setText('');
    } catch (caught) {
      // The server's message says why (the moves it allows, say); the rest of the sentence is ours.
      const reason = caught instanceof ApiError ? caught.message : '';
      setError(t(failed, { message: reason }));
      errorRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t(heading)}</h2>
      {intro}
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        {children}
        <div className="field">
          <label htmlFor={`${id}-text`}>{t(label)}</label>
          <textarea id={`${id}-text`} rows={3} value={text} onChange={(e) => setText(e.target.value)} required={!optional} />
        </div>
        <button type="submit" className="button-primary" aria-disabled={busy}>{t(submit)}</button>
      </form>
      <p ref={errorRef} tabIndex={-1} role="status" className={error === null ? 'announcement' : 'error'}>{error ?? ''}</p>
    </section>
  );
}
