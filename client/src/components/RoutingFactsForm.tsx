import { useId, useRef, useState, type SubmitEvent } from 'react';
import { saveRoutingFacts, type RoutingResponse } from '../api';
import { TENURES } from '../domain';
import { t } from '../i18n';

type Facts = RoutingResponse['facts'];
type Standing = { advancedRights: boolean; tenure: (typeof TENURES)[number] | null; sanctioned: boolean };
const FLAGS = ['ongoing', 'subtle', 'personalInformation', 'privateEvidence', 'offSiteEvidence'] as const;
const NO_STANDING: Standing = { advancedRights: false, tenure: null, sanctioned: false };

/** One person's standing: advanced rights, tenure, current sanctions. */
function StandingFields({ legend, value, onChange }: { legend: string; value: Standing; onChange: (s: Standing) => void }) {
  const id = useId();
  return (
    <fieldset>
      <legend>{legend}</legend>
      <label className="checkbox">
        <input type="checkbox" checked={value.advancedRights} onChange={(e) => onChange({ ...value, advancedRights: e.target.checked })} />
        {t('routing.standing.advancedRights')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={value.sanctioned} onChange={(e) => onChange({ ...value, sanctioned: e.target.checked })} />
        {t('routing.standing.sanctioned')}
      </label>
      <div className="field">
        <label htmlFor={`${id}-tenure`}>{t('routing.standing.tenure')}</label>
        <select id={`${id}-tenure`} value={value.tenure ?? ''}
          onChange={(e) => onChange({ ...value, tenure: TENURES.find((x) => x === e.target.value) ?? null })}>
          <option value="">{t('routing.tenure.unknown')}</option>
          {TENURES.map((x) => <option key={x} value={x}>{t(`routing.tenure.${x}`)}</option>)}
        </select>
      </div>
    </fieldset>
  );
}

/** What a handler found about the case for the router; saving shows the new plan. */
export function RoutingFactsForm({ reference, routing, onSaved }: { reference: string; routing: RoutingResponse; onSaved: (r: RoutingResponse) => void }) {
  const id = useId();
  const [facts, setFacts] = useState<Facts>(routing.facts);
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const outcomeRef = useRef<HTMLParagraphElement>(null);

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const reported = facts.reported.map(({ partyId, advancedRights, tenure, sanctioned }) => ({ partyId, advancedRights, tenure, sanctioned }));
      onSaved(await saveRoutingFacts(reference, { ...facts, reported }));
      setOutcome({ text: t('routing.facts.saved'), failed: false });
    } catch {
      setOutcome({ text: t('routing.facts.failed'), failed: true });
    } finally {
      setBusy(false);
      outcomeRef.current?.focus();
    }
  }

  return (
    <details>
      <summary>{t('routing.facts.heading')}</summary>
      <form className="stack" aria-labelledby={`${id}-heading`} onSubmit={(event) => void submit(event)} noValidate>
        <p id={`${id}-heading`} className="hint">{t('routing.facts.intro')}</p>
        <fieldset>
          <legend>{t('routing.facts.case')}</legend>
          {FLAGS.map((flag) => (
            <label key={flag} className="checkbox">
              <input type="checkbox" checked={facts[flag]} onChange={(e) => setFacts({ ...facts, [flag]: e.target.checked })} />
              {t(`routing.facts.${flag}`)}
            </label>
          ))}
        </fieldset>
        <StandingFields legend={t('routing.standing.reporter')} value={facts.reporter ?? NO_STANDING} onChange={(s) => setFacts({ ...facts, reporter: s })} />
        {facts.reported.map((person, index) => (
          <StandingFields key={person.partyId} legend={t('routing.standing.reported', { name: person.username ?? t('routing.standing.unnamed') })} value={person}
            onChange={(s) => setFacts({ ...facts, reported: facts.reported.map((p, i) => (i === index ? { ...p, ...s } : p)) })} />
        ))}
        <button type="submit" className="button-secondary" aria-disabled={busy}>{t('routing.facts.submit')}</button>
        <p ref={outcomeRef} tabIndex={-1} role="status" className={outcome?.failed ? 'error' : 'announcement'}>{outcome?.text ?? ''}</p>
      </form>
    </details>
  );
}
