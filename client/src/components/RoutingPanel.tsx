import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { ApiError, chooseVenue, getRouting, isAbort, type RoutingResponse } from '../api';
import { CONTAINMENT_CHECKLIST, isCategory, SEVERITIES } from '../domain';
import { t, type MessageKey } from '../i18n';
import { venueName } from '../venue-name';
import { RoutingFactsForm } from './RoutingFactsForm';

interface RoutingPanelProps {
  reference: string;
  canWork: boolean;
  /** Bumped by the page when something that changes the plan happened (triage). */
  revision: number;
  /** Called after a change the case page should reload for (timeline, review). */
  onChanged: () => void;
}

type Reason = RoutingResponse['recommendation']['reasons'][number];

/** A reason in words; category and severity parameters are said by their own catalog names. */
function sayReason(reason: Reason): string {
  const params: Record<string, string | number> = { ...reason.params };
  const { category, severity } = reason.params;
  if (typeof category === 'string' && isCategory(category)) params.category = t(`category.${category}`);
  if (typeof severity === 'string' && (SEVERITIES as readonly string[]).includes(severity)) params.severity = t(`severity.${severity as 'high'}`);
  return t(reason.key as MessageKey, params);
}

/** The router's plan with its reasons, the venue chosen, and the form to choose (and to record facts). */
export function RoutingPanel({ reference, canWork, revision, onChanged }: RoutingPanelProps) {
  const [routing, setRouting] = useState<RoutingResponse | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    getRouting(reference, controller.signal).then(setRouting, (error: unknown) => {
      if (!isAbort(error)) setFailed(true);
    });
    return () => controller.abort();
  }, [reference, revision]);

  if (failed) return <p role="alert">{t('routing.loadFailed')}</p>;
  if (routing === null) return <p role="status">{t('routing.loading')}</p>;
  const names = new Map(routing.venues.map((v) => [v.id, v]));
  const nameOf = (id: string) => venueName(id, names.get(id)?.name ?? null);
  const { recommendation, chosen } = routing;
  return (
    <div className="stack">
      {recommendation.care && <p className="care-note">{t('routing.care')}</p>}
      <h3>{t('routing.plan.heading')}</h3>
      <ol className="routing-plan">
        {recommendation.steps.map((step) => {
          const pointsTo = names.get(step.venue)?.pointsTo ?? null;
          return (
            <li key={step.venue}>
              <strong>{nameOf(step.venue)}</strong> ({t(`routing.place.${step.place}`)})
              {pointsTo !== null && <> — {t('routing.pointsTo', { who: pointsTo })}</>}
              <ul>
                {recommendation.reasons.filter((r) => r.venue === step.venue).map((r) => <li key={r.key}>{sayReason(r)}</li>)}
              </ul>
            </li>
          );
        })}
      </ol>
      {(recommendation.steps.some((s) => s.venue === 'containment') || chosen?.venue === 'containment') && (
        <section aria-labelledby="containment-heading" className="containment">
          <h3 id="containment-heading">{t('containment.heading')}</h3>
          <ol>{CONTAINMENT_CHECKLIST.map((step) => <li key={step}>{t(`containment.${step}`)}</li>)}</ol>
        </section>
      )}
      <p>
        {chosen === null
          ? t('routing.chosen.none')
          : t(chosen.reason === null ? 'routing.chosen.done' : 'routing.chosen.doneWithReason', {
            venue: nameOf(chosen.venue), by: chosen.by ?? '', reason: chosen.reason ?? '',
          })}
      </p>
      {canWork && <ChoiceForm reference={reference} routing={routing} nameOf={nameOf} onChosen={(r) => { setRouting(r); onChanged(); }} />}
      {canWork && <RoutingFactsForm reference={reference} routing={routing} onSaved={setRouting} />}
    </div>
  );
}

function ChoiceForm({ reference, routing, nameOf, onChosen }: {
  reference: string; routing: RoutingResponse; nameOf: (id: string) => string; onChosen: (r: RoutingResponse) => void;
}) {
  const id = useId();
  const [venue, setVenue] = useState(routing.chosen?.venue ?? routing.recommendation.venue);
  const [reason, setReason] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  const against = venue !== routing.recommendation.venue;

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const next = await chooseVenue(reference, { venue, reason: reason.trim() === '' ? null : reason, exposureAcknowledged: acknowledged });
      setReason('');
      setOutcome({ text: t('routing.choose.done', { venue: nameOf(venue) }), failed: false });
      onChosen(next);
    } catch (error) {
      const message = error instanceof ApiError && error.status === 400 ? error.message
        : error instanceof ApiError && error.status === 409 ? t('routing.choose.noConsent') : t('routing.choose.failed');
      setOutcome({ text: message, failed: true });
    } finally {
      setBusy(false);
      outcomeRef.current?.focus();
    }
  }

  return (
    <form className="stack" aria-labelledby={`${id}-heading`} onSubmit={(event) => void submit(event)} noValidate>
      <h3 id={`${id}-heading`}>{t('routing.choose.heading')}</h3>
      <div className="field">
        <label htmlFor={`${id}-venue`}>{t('routing.choose.venue')}</label>
        <select id={`${id}-venue`} value={venue} onChange={(event) => setVenue(event.target.value)}>
          {routing.venues.map((v) => (
            <option key={v.id} value={v.id}>
              {v.id === routing.recommendation.venue ? t('routing.choose.recommended', { venue: nameOf(v.id) }) : nameOf(v.id)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t(against ? 'routing.choose.reasonRequired' : 'routing.choose.reason')}</label>
        <textarea id={`${id}-reason`} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} aria-required={against} />
      </div>
      {venue === 'noticeboard' && (
        <div className="exposure-warning" role="note">
          <p>{t('routing.noticeboard.warning')}</p>
          {routing.targetAgreesToPublicSteps
            ? (
              <label className="checkbox">
                <input type="checkbox" checked={acknowledged} onChange={(event) => setAcknowledged(event.target.checked)} />
                {t('routing.noticeboard.acknowledge')}
              </label>
            )
            : <p>{t('routing.noticeboard.noConsent')}</p>}
        </div>
      )}
      <button type="submit" className="button-primary" aria-disabled={busy}>{t('routing.choose.submit')}</button>
      <p ref={outcomeRef} tabIndex={-1} role="status" className={outcome?.failed ? 'error' : 'announcement'}>{outcome?.text ?? ''}</p>
    </form>
  );
}
