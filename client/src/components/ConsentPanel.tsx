import { useEffect, useId, useState, type SubmitEvent } from 'react';
import { getConsent, isAbort, saveConsent, type CaseDetail, type ConsentView, type Party } from '../api';
import { checkedFrom, consentLines, grantKey, grantsFrom } from '../consent-form';
import { CONSENT_AUDIENCES, CONSENT_SUBJECTS, CONSENTING_ROLES } from '../domain';
import { formatDateTime } from '../format-time';
import { locale, t } from '../i18n';
import { partyName } from './PartyList';

/** The consent of the reporter and the target: what may be shared outside the team, and with whom. */
export function ConsentPanel({ detail, canChange }: { detail: CaseDetail; canChange: boolean }) {
  const consenting = detail.parties.filter((p) => (CONSENTING_ROLES as readonly string[]).includes(p.role));
  return (
    <section aria-labelledby="consent-heading">
      <h2 id="consent-heading">{t('case.consent.heading')}</h2>
      <p className="hint">{t('case.consent.intro')}</p>
      {consenting.map((party) => <PartyConsent key={party.id} reference={detail.reference} party={party} canChange={canChange} />)}
    </section>
  );
}

type Loaded = { kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; consent: ConsentView };

function PartyConsent({ reference, party, canChange }: { reference: string; party: Party; canChange: boolean }) {
  const id = useId();
  const name = partyName(party);
  const [state, setState] = useState<Loaded>({ kind: 'loading' });
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    getConsent(reference, party.id, controller.signal).then(
      (consent) => { setState({ kind: 'ready', consent }); setChecked(checkedFrom(consent.grants)); },
      (error: unknown) => { if (!isAbort(error)) setState({ kind: 'failed' }); },
    );
    return () => controller.abort();
  }, [reference, party.id]);

  function toggle(key: string, on: boolean): void {
    setChecked((old) => {
      const next = new Set(old);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  }

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const consent = await saveConsent(reference, party.id, grantsFrom(checked));
      setState({ kind: 'ready', consent });
      setChecked(checkedFrom(consent.grants));
      setOutcome({ text: t('case.consent.saved'), failed: false });
    } catch {
      setOutcome({ text: t('case.consent.failed'), failed: true });
    } finally {
      setBusy(false);
    }
  }

  const headingId = `${id}-heading`;
  return (
    <div className="consent" role="group" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('case.consent.partyHeading', { name: `${name} (${t(`partyRole.${party.role}`)})` })}</h3>
      {state.kind === 'loading' && <p role="status">{t('case.consent.loading')}</p>}
      {state.kind === 'failed' && <p role="alert" className="error">{t('case.consent.loadFailed')}</p>}
      {state.kind === 'ready' && <ConsentSummary consent={state.consent} />}
      {state.kind === 'ready' && canChange && (
        <details>
          <summary>{t('case.consent.edit', { name })}</summary>
          <form className="stack" aria-label={t('case.consent.edit', { name })} onSubmit={(event) => void submit(event)} noValidate>
            {CONSENT_AUDIENCES.map((audience) => (
              <fieldset key={audience}>
                <legend>{t(`case.consent.audience.${audience}`)}</legend>
                {CONSENT_SUBJECTS.map((subject) => {
                  const key = grantKey(subject, audience);
                  return (
                    <label key={key} className="checkbox">
                      <input type="checkbox" checked={checked.has(key)} onChange={(event) => toggle(key, event.target.checked)} />
                      {t(`case.consent.subject.${subject}`)}
                    </label>
                  );
                })}
              </fieldset>
            ))}
            <button type="submit" className="button-secondary" aria-disabled={busy}>{t('case.consent.submit')}</button>
          </form>
        </details>
      )}
      <p role="status" className={outcome?.failed ? 'error' : 'announcement'}>{outcome?.text ?? ''}</p>
    </div>
  );
}

/** The consent in plain words: one line per audience, or that nothing may be shared. */
function ConsentSummary({ consent }: { consent: ConsentView }) {
  if (consent.recordedAt === null) return <p>{t('case.consent.neverAsked')}</p>;
  const lines = consentLines(consent.grants);
  return (
    <>
      {lines.length === 0 ? <p>{t('case.consent.nothing')}</p> : (
        <ul className="plain-list consent-lines">
          {lines.map((line) => (
            <li key={line.audience}>{t('case.consent.line', {
              audience: t(`case.consent.audience.${line.audience}`),
              subjects: line.subjects.map((s) => t(`case.consent.subject.${s}`)).join(', '),
            })}</li>
          ))}
        </ul>
      )}
      <p className="muted">{t('case.consent.recordedAt', { date: formatDateTime(consent.recordedAt, locale) ?? consent.recordedAt })}</p>
    </>
  );
}
