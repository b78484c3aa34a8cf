import { useId, useState, type SubmitEvent } from 'react';
import { recordTargetWishes, type CaseDetail, type Party } from '../api';
import { t } from '../i18n';

type Answer = '' | 'yes' | 'no' | 'unsure';

/** Records what the target said when contacted: whether they want action, whether they agree to public steps. */
export function TargetWishesForm({ reference, target, onCase }: { reference: string; target: Party; onCase: (detail: CaseDetail) => void }) {
  const id = useId();
  const [wantsAction, setWantsAction] = useState<Answer>('');
  const [publicSteps, setPublicSteps] = useState<'' | 'yes' | 'no'>('');
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    try {
      onCase(await recordTargetWishes(reference, target.id, {
        wantsAction: wantsAction === '' ? null : wantsAction,
        agreesToPublicSteps: publicSteps === '' ? null : publicSteps === 'yes',
      }));
      setOutcome({ text: t('case.wishes.saved'), failed: false });
    } catch {
      setOutcome({ text: t('case.wishes.failed'), failed: true });
    }
  }

  return (
    <form className="stack" aria-labelledby={`${id}-heading`} onSubmit={(event) => void submit(event)} noValidate>
      <h3 id={`${id}-heading`}>{t('case.wishes.heading')}</h3>
      <div className="field">
        <label htmlFor={`${id}-action`}>{t('case.wishes.wantsAction')}</label>
        <select id={`${id}-action`} value={wantsAction} onChange={(event) => setWantsAction((['yes', 'no', 'unsure'] as const).find((v) => v === event.target.value) ?? '')}>
          <option value="">{t('case.wishes.unanswered')}</option>
          <option value="yes">{t('case.wishes.yes')}</option>
          <option value="no">{t('case.wishes.no')}</option>
          <option value="unsure">{t('case.wishes.unsure')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-public`}>{t('case.wishes.publicSteps')}</label>
        <select id={`${id}-public`} value={publicSteps} onChange={(event) => setPublicSteps((['yes', 'no'] as const).find((v) => v === event.target.value) ?? '')}>
          <option value="">{t('case.wishes.unanswered')}</option>
          <option value="yes">{t('case.wishes.yes')}</option>
          <option value="no">{t('case.wishes.no')}</option>
        </select>
      </div>
      <button type="submit" className="button-secondary">{t('case.wishes.submit')}</button>
      <p role="status" className={outcome?.failed ? 'error' : 'announcement'}>{outcome?.text ?? ''}</p>
    </form>
  );
}
