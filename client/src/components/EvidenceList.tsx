import { useState } from 'react';
import { revealEvidence, type CaseDetail, type Evidence } from '../api';
import { EvidenceMarking } from './EvidenceMarking';
import { formatDateTime } from '../format-time';
import { locale, t } from '../i18n';

/** Whether a URL is safe to make clickable: only web addresses, never javascript: or data:. */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** An address marked as personal information: hidden until the staff member asks (the server logs it). */
function HiddenUrl({ reference, id }: { reference: string; id: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  if (url !== null) return <code className="url">{url}</code>;
  return (
    <>
      <span>{t('case.evidence.personalInformation')}</span>{' '}
      <button type="button" className="button-secondary" onClick={() => { revealEvidence(reference, id).then(setUrl, () => setFailed(true)); }}>
        {t('case.evidence.show')}
      </button>
      {failed && <span role="alert" className="error">{t('case.evidence.showFailed')}</span>}
    </>
  );
}

/** Evidence links; anything that is not an http(s) address is shown as inert text, personal information only on request. */
export function EvidenceList({ evidence, reference, onCase }: {
  evidence: Evidence[]; reference: string;
  /** Given to those who may change the case: they mark links as personal information. */
  onCase?: ((detail: CaseDetail) => void) | undefined;
}) {
  if (evidence.length === 0) return <p className="muted">{t('case.evidence.empty')}</p>;
  return (
    <ul className="plain-list evidence-list">
      {evidence.map((item) => (
        <li key={item.id}>
          {item.url === null ? <HiddenUrl reference={reference} id={item.id} /> : isWebUrl(item.url) ? (
            // noreferrer: the site the evidence is on must not learn the desk's address.
            <a href={item.url} rel="noopener noreferrer nofollow" target="_blank" className="url">
              {item.url} <span className="visually-hidden">{t('case.evidence.newTab')}</span>
            </a>
          ) : (
            <>
              <code className="url">{item.url}</code> <span className="muted">{t('case.evidence.notWeb')}</span>
            </>
          )}
          <br />
          {item.suppliedPrivately && <><span className="label">{t('case.evidence.suppliedPrivately')}</span><br /></>}
          <span className="muted">
            <time dateTime={item.addedAt}>{t('case.evidence.added', { date: formatDateTime(item.addedAt, locale) ?? '' })}</time>
          </span>
          {onCase !== undefined && <> <EvidenceMarking reference={reference} item={item} onCase={onCase} /></>}
        </li>
      ))}
    </ul>
  );
}
