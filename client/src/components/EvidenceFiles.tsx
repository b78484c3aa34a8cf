import { useState } from 'react';
import { evidenceFileUrl, type EvidenceFile } from '../api';
import { formatDateTime } from '../format-time';
import { locale, t } from '../i18n';

/** A size as people read it. */
function readableSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * An image stays hidden behind a blurred panel until the staff member chooses to look: only
 * then is it fetched, and the server logs that fetch. Nothing of it is loaded before.
 */
function HiddenImage({ reference, file }: { reference: string; file: EvidenceFile }) {
  const [shown, setShown] = useState(false);
  const [failed, setFailed] = useState(false);
  if (shown && !failed) {
    return <img className="evidence-image" src={evidenceFileUrl(reference, file.id)} alt={t('case.files.alt', { name: file.name })} onError={() => setFailed(true)} />;
  }
  return (
    <div className="evidence-image-hidden">
      <p>{t('case.files.hidden')}</p>
      <button type="button" className="button-secondary" onClick={() => { setFailed(false); setShown(true); }}>{t('case.files.look')}</button>
      {failed && <p role="alert" className="error">{t('case.files.failed')}</p>}
    </div>
  );
}

/** The files parties attached: names are plain text; images behind a deliberate look, PDFs only downloaded. */
export function EvidenceFiles({ files, reference }: { files: EvidenceFile[]; reference: string }) {
  if (files.length === 0) return <p className="muted">{t('case.files.empty')}</p>;
  return (
    <ul className="plain-list evidence-files">
      {files.map((file) => (
        <li key={file.id}>
          <strong className="file-name">{file.name}</strong>
          <br />
          <span className="muted">
            {t('case.files.details', { type: file.mediaType, size: readableSize(file.byteSize), sha256: file.sha256 })}
            {file.fromRole !== null && <> · {t('case.files.from', { role: file.fromRole })}</>}
            {' · '}
            <time dateTime={file.addedAt}>{t('case.evidence.added', { date: formatDateTime(file.addedAt, locale) ?? '' })}</time>
          </span>
          {file.isImage ? <HiddenImage reference={reference} file={file} /> : (
            <p><a href={evidenceFileUrl(reference, file.id)} download>{t('case.files.download', { name: file.name })}</a></p>
          )}
        </li>
      ))}
    </ul>
  );
}
