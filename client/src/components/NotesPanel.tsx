import { addNote, type CaseDetail } from '../api';
import { formatDateTime } from '../format-time';
import { locale, t } from '../i18n';
import { CaseActionForm } from './CaseActionForm';

/** Private notes: read by everyone who may open the case, written by those who may work it; never edited. */
export function NotesPanel({ detail, canWrite, onCase }: { detail: CaseDetail; canWrite: boolean; onCase: (detail: CaseDetail) => void }) {
  const list = detail.notes.length === 0 ? <p className="muted">{t('notes.none')}</p> : (
    <ol className="notes">
      {detail.notes.map((n) => (
        <li key={n.id}>
          <p className="meta">{t('notes.by', { author: n.author.username ?? t('timeline.actor.staffUnknown'), at: formatDateTime(n.createdAt, locale) ?? n.createdAt })}</p>
          {/* Plain text on purpose: staff words, never markup. */}
          <p className="note-body">{n.body}</p>
        </li>
      ))}
    </ol>
  );
  const intro = <><p className="muted">{t('notes.intro')}</p>{list}</>;
  if (!canWrite) {
    return <section aria-labelledby="notes-heading"><h2 id="notes-heading">{t('notes.heading')}</h2>{intro}</section>;
  }
  return (
    <CaseActionForm heading="notes.heading" label="notes.body" submit="notes.submit" failed="notes.error" intro={intro}
      send={(body) => addNote(detail.reference, { body })} onCase={onCase} />
  );
}
