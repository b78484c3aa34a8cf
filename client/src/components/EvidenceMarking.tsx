import { useState } from 'react';
import { markEvidence, type CaseDetail, type Evidence } from '../api';
import { t } from '../i18n';

/** Marks a link as personal information (its address then hidden behind a logged reveal), or unmarks it. */
export function EvidenceMarking({ reference, item, onCase }: { reference: string; item: Evidence; onCase: (detail: CaseDetail) => void }) {
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  async function toggle(): Promise<void> {
    if (busy) return;
    setBusy(true);
    try {
      onCase(await markEvidence(reference, item.id, !item.personalInformation));
      setFailed(false);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="button-link" aria-disabled={busy} onClick={() => void toggle()}>
        {t(item.personalInformation ? 'case.evidence.unmarkPersonal' : 'case.evidence.markPersonal')}
      </button>
      {failed && <span role="alert" className="error"> {t('case.evidence.markFailed')}</span>}
    </>
  );
}
