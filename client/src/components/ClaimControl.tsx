import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { ApiError, assignToMe, getCase, type CaseDetail, type StaffUser } from '../api';
import { t } from '../i18n';
import { mayWorkCases } from '../permissions';

interface ClaimControlProps {
  reference: string;
  detail: CaseDetail;
  user: StaffUser;
  /** Called with the case as the server now has it. */
  onCase: (detail: CaseDetail) => void;
}

type Announcement = { text: string; failed: boolean; modules?: readonly { id: string; title: string }[] };

/** Who holds the case: "Assign to me", or "Take over" (confirmed inline) when someone else holds it. */
export function ClaimControl({ reference, detail, user, onCase }: ClaimControlProps) {
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const announcementRef = useRef<HTMLParagraphElement>(null);
  const takeOverRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const holder = detail.assignee !== null && detail.assignee.id !== user.id ? detail.assignee : null;

  function announce(text: string, failed: boolean): void {
    setAnnouncement({ text, failed });
    // The button pressed usually goes away; keep focus near where it was, on the news.
    announcementRef.current?.focus();
  }

  async function whoHoldsItNow(): Promise<string> {
    try {
      const fresh = await getCase(reference);
      onCase(fresh);
      const name = fresh.assignee?.id === user.id ? undefined : fresh.assignee?.username;
      return name === undefined ? t('case.claim.heldByOtherUnknown') : t('case.claim.heldByOther', { username: name });
    } catch {
      return t('case.claim.heldByOtherUnknown');
    }
  }

  async function claim(takeOver: boolean): Promise<void> {
    if (busy) return;
    setBusy(true);
    setAnnouncement(null);
    try {
      onCase(await assignToMe(reference, { takeOver }));
      setConfirming(false);
      announce(t(takeOver ? 'case.claim.takenOver' : 'case.assign.done'), false);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'training_required') {
        setConfirming(false);
        setAnnouncement({ text: t('case.claim.trainingRequired'), failed: true, modules: error.modules });
        announcementRef.current?.focus();
      } else if (error instanceof ApiError && error.status === 409 && !takeOver) {
        // Someone claimed it between our load and the click: show the case as it is now.
        announce(await whoHoldsItNow(), true);
      } else if (error instanceof ApiError && error.status === 403) {
        announce(t('case.claim.forbidden'), true);
      } else {
        announce(t(takeOver ? 'case.claim.takeOverFailed' : 'case.assign.failed'), true);
      }
    } finally {
      setBusy(false);
    }
  }

  function startConfirming(): void {
    setAnnouncement(null);
    flushSync(() => setConfirming(true));
    confirmRef.current?.focus();
  }

  function cancel(): void {
    flushSync(() => setConfirming(false));
    takeOverRef.current?.focus();
  }

  const canClaim = mayWorkCases(user, detail.desk.slug);
  return (
    <div className="actions">
      {canClaim && detail.assignee === null && (
        // aria-disabled, not disabled: a disabled button would drop keyboard focus.
        <button type="button" className="button-primary" aria-disabled={busy} onClick={() => void claim(false)}>
          {t('case.assign')}
        </button>
      )}
      {canClaim && holder !== null && (
        <>
          <p>{t('case.claim.heldBy', { username: holder.username })}</p>
          {confirming ? (
            <div role="group" aria-labelledby="take-over-prompt" className="confirm">
              <p id="take-over-prompt">{t('case.claim.confirmPrompt', { username: holder.username })}</p>
              <button ref={confirmRef} type="button" className="button-primary" aria-disabled={busy} onClick={() => void claim(true)}>
                {t('case.claim.confirm')}
              </button>
              <button type="button" className="button-secondary" onClick={cancel}>
                {t('case.claim.cancel')}
              </button>
            </div>
          ) : (
            <button ref={takeOverRef} type="button" className="button-secondary" onClick={startConfirming}>
              {t('case.claim.takeOver')}
            </button>
          )}
        </>
      )}
      <p ref={announcementRef} tabIndex={-1} role="status" className={announcement?.failed ? 'error' : 'announcement'}>
        {announcement?.text ?? ''}
      </p>
      {announcement?.modules !== undefined && announcement.modules.length > 0 && (
        // The modules are server-rendered pages outside the console: plain links.
        <ul className="training-needed">
          {announcement.modules.map((m) => (
            <li key={m.id}><a href={`/training/${encodeURIComponent(m.id)}`}>{t('case.claim.trainingLink', { title: m.title })}</a></li>
          ))}
        </ul>
      )}
    </div>
  );
}
