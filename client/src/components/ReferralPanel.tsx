import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import {
  answerReferral, ApiError, getReferral, isAbort, sendReferral, setVenueAddress, takeBackReferral, type ReferralResponse,
} from '../api';
import { formatDateTime } from '../format-time';
import { locale, t, tPlural } from '../i18n';
import { venueName } from '../venue-name';

interface ReferralPanelProps {
  reference: string;
  deskSlug: string;
  status: string;
  canWork: boolean;
  /** The user administers the case's desk, so may set the venue's address here. */
  isAdmin: boolean;
  revision: number;
  onChanged: () => void;
}

type Packet = NonNullable<ReferralResponse['preview']>;
type Outcome = { text: string; failed: boolean } | null;

/**
 * A referral to trust and safety or the functionaries: what the packet holds and what it leaves
 * out and why (the server builds it from the consent record), sending it, the venue's answer and
 * taking the case back. Shown only for a case routed to such a venue, or one that was referred.
 */
export function ReferralPanel({ reference, deskSlug, status, canWork, isAdmin, revision, onChanged }: ReferralPanelProps) {
  const [referral, setReferral] = useState<ReferralResponse | null>(null);
  const [failed, setFailed] = useState(false);
  // Said here, not in the send form: once sent, the form gives way to the referral it made.
  const [notice, setNotice] = useState('');

  useEffect(() => {
    const controller = new AbortController();
    getReferral(reference, controller.signal).then(setReferral, (error: unknown) => {
      if (!isAbort(error)) setFailed(true);
    });
    return () => controller.abort();
  }, [reference, revision]);

  if (failed) return <p role="alert">{t('referral.loadFailed')}</p>;
  if (referral === null) return <p role="status">{t('referral.loading')}</p>;
  const changed = (next: ReferralResponse) => { setReferral(next); onChanged(); };
  const open = referral.referrals.find((r) => r.endedAt === null);
  if (referral.preview === null && referral.referrals.length === 0) return <p className="muted">{t('referral.none')}</p>;
  return (
    <div className="stack">
      <p role="status" className="announcement">{notice}</p>
      {referral.preview !== null && open === undefined && (
        <>
          <h3>{t('referral.preview.heading', { venue: venueName(referral.preview.audience) })}</h3>
          <PacketContents packet={referral.preview} />
          {!referral.addressSet && <p className="hint">{t(isAdmin ? 'referral.address.missingAdmin' : 'referral.address.missing')}</p>}
          {!referral.addressSet && isAdmin && (
            <AddressForm deskSlug={deskSlug} venue={referral.preview.audience}
              onDone={() => { getReferral(reference).then(setReferral, () => setFailed(true)); }} />
          )}
          {canWork && referral.addressSet && (status === 'investigating'
            ? <TextForm label={t('referral.send.summary')} hint={t('referral.send.hint')} submitLabel={t('referral.send.submit')}
              done={t('referral.send.done')} send={(summary) => sendReferral(reference, summary)}
              onDone={(next) => { changed(next); setNotice(t('referral.send.done')); }} primary />
            : <p className="hint">{t('referral.send.notInvestigating')}</p>)}
        </>
      )}
      {referral.referrals.length > 0 && (
        <>
          <h3>{t('referral.sent.heading')}</h3>
          <ul className="referrals">
            {[...referral.referrals].reverse().map((r) => (
              <li key={r.id} className="stack">
                <p>
                  <strong>{venueName(r.venue)}</strong>: {t('referral.sent.by', { at: formatDateTime(r.sentAt, locale) ?? r.sentAt, by: r.sentBy ?? t('referral.formerStaff') })}
                </p>
                <p>{t(r.endedHow === null ? 'referral.state.waiting' : `referral.state.${r.endedHow}`)}</p>
                {r.answer === null ? <p className="muted">{t('referral.answer.none')}</p>
                  : <p>{t('referral.answer.recorded', { at: formatDateTime(r.answeredAt ?? r.sentAt, locale) ?? '' })} <span className="report-text">{r.answer}</span></p>}
                <details>
                  <summary>{t('referral.sent.packet')}</summary>
                  <PacketContents packet={r.packet} />
                </details>
              </li>
            ))}
          </ul>
          {open !== undefined && canWork && (
            <>
              <TextForm label={t('referral.answer.label')} submitLabel={t('referral.answer.submit')} done={t('referral.answer.done')}
                send={(answer) => answerReferral(reference, answer)} onDone={changed} />
              <TextForm label={t('referral.takeBack.label')} submitLabel={t('referral.takeBack.submit')} done={t('referral.takeBack.done')}
                send={(reason) => takeBackReferral(reference, reason)} onDone={changed} />
              <p className="hint">{t('referral.closeHint')}</p>
            </>
          )}
        </>
      )}
    </div>
  );
}

/** What a packet holds, and what it leaves out and why. */
function PacketContents({ packet }: { packet: Packet }) {
  const shared = (value: string | null) => value ?? t('referral.notShared');
  return (
    <div className="stack">
      <p>{t('referral.contains')}</p>
      <ul>
        <li>{packet.summary.trim() === '' ? t('referral.item.summaryToWrite') : t('referral.item.summary')}</li>
        <li>{t('referral.item.reporter', { value: shared(packet.reporterUsername) })}</li>
        <li>{t(packet.reporterContact ? 'referral.item.contactGoes' : 'referral.item.contactStays')}</li>
        {/* A case whose reporter is the target has no separate target to name or leave out. */}
        {(packet.targetUsername !== null || packet.leftOut.some((l) => l.what === 'target_identity'))
          && <li>{t('referral.item.target', { value: shared(packet.targetUsername) })}</li>}
        <li>
          {tPlural('referral.item.evidence', packet.evidence.length)}
          {packet.evidence.length > 0 && <ul>{packet.evidence.map((e) => <li key={e.id} className="evidence-url">{e.url}</li>)}</ul>}
        </li>
        <li>{tPlural('referral.item.timeline', packet.timeline.length)}</li>
      </ul>
      {packet.leftOut.length === 0 ? <p>{t('referral.leftOut.nothing')}</p> : (
        <>
          <p>{t('referral.leftOut.heading')}</p>
          <ul className="left-out">
            {packet.leftOut.map((l) => (
              <li key={l.what}>
                <strong>{t(`referral.what.${l.what}`, { count: l.count ?? 0 })}</strong>: {t(`referral.why.${l.why}`)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function AddressForm({ deskSlug, venue, onDone }: { deskSlug: string; venue: string; onDone: () => void }) {
  const id = useId();
  const [email, setEmail] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    try {
      await setVenueAddress(deskSlug, venue, email.trim());
      setOutcome({ text: t('referral.address.saved'), failed: false });
      onDone();
    } catch (error) {
      setOutcome({ text: error instanceof ApiError && error.status !== 500 ? error.message : t('referral.address.failed'), failed: true });
    }
    outcomeRef.current?.focus();
  }
  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t('referral.address.label', { venue: venueName(venue) })}</label>
        <input id={`${id}-email`} type="email" autoComplete="off" value={email} onChange={(event) => setEmail(event.target.value)} aria-required="true" />
      </div>
      <button type="submit" className="button-secondary">{t('referral.address.submit')}</button>
      <p ref={outcomeRef} tabIndex={-1} role="status" className={outcome?.failed ? 'error' : 'announcement'}>{outcome?.text ?? ''}</p>
    </form>
  );
}

/** A one-field form: a summary, an answer or a reason, sent and announced. */
function TextForm({ label, hint, submitLabel, done, send, onDone, primary = false }: {
  label: string; hint?: string; submitLabel: string; done: string; primary?: boolean;
  send: (text: string) => Promise<ReferralResponse>; onDone: (r: ReferralResponse) => void;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (text.trim() === '') {
      setOutcome({ text: t('referral.textRequired'), failed: true });
    } else {
      try {
        onDone(await send(text));
        setText('');
        setOutcome({ text: done, failed: false });
      } catch (error) {
        setOutcome({ text: error instanceof ApiError && error.status !== 500 ? error.message : t('referral.sendFailed'), failed: true });
      }
    }
    outcomeRef.current?.focus();
  }
  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label htmlFor={`${id}-text`}>{label}</label>
        {hint !== undefined && <p id={`${id}-hint`} className="hint">{hint}</p>}
        <textarea id={`${id}-text`} rows={3} value={text} onChange={(event) => setText(event.target.value)} aria-required="true"
          aria-describedby={hint === undefined ? undefined : `${id}-hint`} />
      </div>
      <button type="submit" className={primary ? 'button-primary' : 'button-secondary'}>{submitLabel}</button>
      <p ref={outcomeRef} tabIndex={-1} role="status" className={outcome?.failed ? 'error' : 'announcement'}>{outcome?.text ?? ''}</p>
    </form>
  );
}
