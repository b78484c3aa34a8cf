import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { addReviewNote, ApiError, getReview, isAbort, markForReview, signOff, startReview, type ReviewResponse } from '../api';
import { SIGN_OFF_DECISIONS } from '../domain';
import { formatDateTime } from '../format-time';
import { locale, t } from '../i18n';

interface ReviewPanelProps {
  reference: string;
  status: string;
  canWork: boolean;
  revision: number;
  onChanged: () => void;
}

type Outcome = { text: string; failed: boolean } | null;

/** The review of a case: marking it, asking reviewers, sign-offs and the reviewers' discussion. */
export function ReviewPanel({ reference, status, canWork, revision, onChanged }: ReviewPanelProps) {
  const [review, setReview] = useState<ReviewResponse | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    getReview(reference, controller.signal).then(setReview, (error: unknown) => {
      if (!isAbort(error)) setFailed(true);
    });
    return () => controller.abort();
  }, [reference, revision]);

  if (failed) return <p role="alert">{t('review.loadFailed')}</p>;
  if (review === null) return <p role="status">{t('review.loading')}</p>;
  const changed = (next: ReviewResponse) => { setReview(next); onChanged(); };
  if (!review.requiresReview) {
    return (
      <div className="stack">
        <p>{t('review.notRequired')}</p>
        {canWork && <TextForm label={t('review.mark.reason')} submitLabel={t('review.mark.submit')} done={t('review.mark.done')}
          send={(reason) => markForReview(reference, reason)} onDone={changed} />}
      </div>
    );
  }
  return (
    <div className="stack">
      <p>{t('review.progress', { approvals: review.approvals, required: review.requiredSignOffs })}</p>
      <p>{t(review.mayClose ? 'review.mayClose' : 'review.mayNotClose')}</p>
      {canWork && status !== 'in_review' && status !== 'closed' && <StartReview reference={reference} onDone={changed} />}
      {review.signOffs.length > 0 && (
        <ul className="sign-offs">
          {review.signOffs.map((s) => (
            <li key={`${s.by}-${s.at}`}>
              <strong>{s.by}</strong>: {t(`review.decision.${s.decision}`)} — {s.comment}
            </li>
          ))}
        </ul>
      )}
      {review.canSignOff && <SignOffForm reference={reference} onDone={changed} />}
      <h3>{t('review.notes.heading')}</h3>
      <p className="hint">{t('review.notes.private')}</p>
      {review.notes.length === 0 ? <p className="muted">{t('review.notes.empty')}</p> : (
        <ul className="review-notes">
          {review.notes.map((n) => (
            <li key={n.id}><strong>{n.by ?? t('review.notes.formerStaff')}</strong> ({formatDateTime(n.at, locale) ?? n.at}): {n.body}</li>
          ))}
        </ul>
      )}
      <TextForm label={t('review.notes.label')} submitLabel={t('review.notes.submit')} done={t('review.notes.done')}
        send={(body) => addReviewNote(reference, body)} onDone={setReview} />
    </div>
  );
}

function StartReview({ reference, onDone }: { reference: string; onDone: (r: ReviewResponse) => void }) {
  const [outcome, setOutcome] = useState<Outcome>(null);
  async function start(): Promise<void> {
    try {
      onDone(await startReview(reference));
    } catch (error) {
      setOutcome({ text: error instanceof ApiError && error.status === 409 ? error.message : t('review.start.failed'), failed: true });
    }
  }
  return (
    <div>
      <button type="button" className="button-primary" onClick={() => void start()}>{t('review.start.submit')}</button>
      <p role="status" className={outcome?.failed ? 'error' : 'announcement'}>{outcome?.text ?? ''}</p>
    </div>
  );
}

function SignOffForm({ reference, onDone }: { reference: string; onDone: (r: ReviewResponse) => void }) {
  const id = useId();
  const [decision, setDecision] = useState<(typeof SIGN_OFF_DECISIONS)[number]>('approve');
  const [comment, setComment] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (comment.trim() === '') {
      setOutcome({ text: t('review.signOff.commentRequired'), failed: true });
      outcomeRef.current?.focus();
      return;
    }
    try {
      onDone(await signOff(reference, { decision, comment }));
    } catch (error) {
      setOutcome({ text: error instanceof ApiError && error.status !== 500 ? error.message : t('review.signOff.failed'), failed: true });
      outcomeRef.current?.focus();
    }
  }

  return (
    <form className="stack" aria-labelledby={`${id}-heading`} onSubmit={(event) => void submit(event)} noValidate>
      <h3 id={`${id}-heading`}>{t('review.signOff.heading')}</h3>
      <fieldset>
        <legend>{t('review.signOff.decision')}</legend>
        {SIGN_OFF_DECISIONS.map((d) => (
          <label key={d} className="checkbox">
            <input type="radio" name={`${id}-decision`} value={d} checked={decision === d} onChange={() => setDecision(d)} />
            {t(`review.decision.${d}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-comment`}>{t('review.signOff.comment')}</label>
        <textarea id={`${id}-comment`} rows={3} value={comment} onChange={(event) => setComment(event.target.value)} aria-required="true" />
      </div>
      <button type="submit" className="button-primary">{t('review.signOff.submit')}</button>
      <p ref={outcomeRef} tabIndex={-1} role="status" className={outcome?.failed ? 'error' : 'announcement'}>{outcome?.text ?? ''}</p>
    </form>
  );
}

/** A one-field form: a reason or a note, sent and announced. */
function TextForm({ label, submitLabel, done, send, onDone }: {
  label: string; submitLabel: string; done: string; send: (text: string) => Promise<ReviewResponse>; onDone: (r: ReviewResponse) => void;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (text.trim() === '') {
      setOutcome({ text: t('review.textRequired'), failed: true });
    } else {
      try {
        onDone(await send(text));
        setText('');
        setOutcome({ text: done, failed: false });
      } catch (error) {
        setOutcome({ text: error instanceof ApiError && error.status !== 500 ? error.message : t('review.sendFailed'), failed: true });
      }
    }
    outcomeRef.current?.focus();
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label htmlFor={`${id}-text`}>{label}</label>
        <textarea id={`${id}-text`} rows={3} value={text} onChange={(event) => setText(event.target.value)} aria-required="true" />
      </div>
      <button type="submit" className="button-secondary">{submitLabel}</button>
      <p ref={outcomeRef} tabIndex={-1} role="status" className={outcome?.failed ? 'error' : 'announcement'}>{outcome?.text ?? ''}</p>
    </form>
  );
}
