import { useState } from 'react';
import { setTrainingRequirement } from '../api';
import type { DeskTrainingRequirements, TeamTraining } from '../../../src/shared/api/training';
import { t } from '../i18n';

interface Props {
  training: TeamTraining;
  /** Whether to name each desk (for someone who administers several). */
  showDesks: boolean;
  onChange: (requirements: DeskTrainingRequirements) => void;
}

/**
 * Which modules each desk the user administers asks people to complete before they take its
 * cases: a checkbox per module, saved as soon as it changes.
 */
export function TrainingRequirements({ training, showDesks, onChange }: Props) {
  // The box the user just changed shows its new state at once, while it is saved.
  const [busy, setBusy] = useState<{ key: string; required: boolean } | null>(null);
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null);

  async function toggle(desk: DeskTrainingRequirements['desk'], moduleId: string, title: string, required: boolean): Promise<void> {
    const key = `${desk.slug}/${moduleId}`;
    if (busy !== null) return;
    setBusy({ key, required });
    setStatus(null);
    try {
      onChange(await setTrainingRequirement(desk.slug, moduleId, required));
      setStatus({ text: t(required ? 'training.require.saved' : 'training.require.released', { title }), failed: false });
    } catch {
      setStatus({ text: t('training.require.failed'), failed: true });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="requirements-heading" className="training-requirements">
      <h2 id="requirements-heading">{t('training.require.heading')}</h2>
      <p>{t('training.require.intro')}</p>
      {training.requirements.map((desk) => (
        <fieldset key={desk.desk.slug}>
          <legend>{showDesks ? t('training.require.legendDesk', { desk: desk.desk.name }) : t('training.require.legend')}</legend>
          {training.modules.map((m) => {
            const id = `require-${desk.desk.slug}-${m.id}`;
            const saving = busy?.key === `${desk.desk.slug}/${m.id}` ? busy : null;
            const required = saving?.required ?? desk.moduleIds.includes(m.id);
            return (
              <div key={m.id} className="checkbox">
                <input
                  id={id} type="checkbox" checked={required} aria-disabled={busy !== null}
                  onChange={() => void toggle(desk.desk, m.id, m.title, !required)}
                />
                <label htmlFor={id}>{m.title}</label>
              </div>
            );
          })}
        </fieldset>
      ))}
      <p role="status" className={status?.failed === true ? 'error' : 'announcement'}>{status?.text ?? ''}</p>
    </section>
  );
}
