import { PARTY_ROLES, type PartyRole } from '../domain';
import { t } from '../i18n';
import type { PartyField, PartyFieldErrors, PartyFormValues } from '../party-form';

interface PartyFieldsProps {
  id: string;
  values: PartyFormValues;
  onChange: (values: PartyFormValues) => void;
  errors: PartyFieldErrors;
  /** Editing a party: the address is replaced or forgotten, never shown. */
  editing?: { hasContactEmail: boolean; roleLocked: boolean };
}

/** The role, account name, name and address of a party, each with its error beside it. */
export function PartyFields({ id, values, onChange, errors, editing }: PartyFieldsProps) {
  const described = (field: PartyField, hint?: string) =>
    [hint, errors[field] === undefined ? undefined : `${id}-${field}-error`].filter((x) => x !== undefined).join(' ') || undefined;
  const error = (field: PartyField) => errors[field] !== undefined && <p className="error" id={`${id}-${field}-error`}>{errors[field]}</p>;
  const emailHint = editing === undefined ? undefined : `${id}-contactEmail-hint`;
  const roleHint = editing?.roleLocked === true ? `${id}-role-hint` : undefined;
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-role`}>{t('case.parties.add.role')}</label>
        {roleHint !== undefined && <p className="hint" id={roleHint}>{t('case.parties.edit.roleLocked')}</p>}
        {error('role')}
        <select id={`${id}-role`} value={values.role} disabled={editing?.roleLocked === true}
          aria-invalid={errors.role !== undefined || undefined} aria-describedby={described('role', roleHint)}
          onChange={(event) => onChange({ ...values, role: PARTY_ROLES.find((r): r is PartyRole => r === event.target.value) ?? values.role })}>
          {PARTY_ROLES.map((r) => <option key={r} value={r}>{t(`partyRole.${r}`)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-accountName`}>{t('case.parties.add.accountName')}</label>
        {error('accountName')}
        <input id={`${id}-accountName`} type="text" value={values.accountName} autoComplete="off"
          aria-invalid={errors.accountName !== undefined || undefined} aria-describedby={described('accountName')}
          onChange={(event) => onChange({ ...values, accountName: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-displayName`}>{t('case.parties.add.displayName')}</label>
        {error('displayName')}
        <input id={`${id}-displayName`} type="text" value={values.displayName} autoComplete="off"
          aria-invalid={errors.displayName !== undefined || undefined} aria-describedby={described('displayName')}
          onChange={(event) => onChange({ ...values, displayName: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-contactEmail`}>{t(editing === undefined ? 'case.parties.add.contactEmail' : 'case.parties.edit.contactEmail')}</label>
        {emailHint !== undefined && (
          <p className="hint" id={emailHint}>{t(editing?.hasContactEmail === true ? 'case.parties.edit.contactEmailHint' : 'case.parties.edit.noEmailHint')}</p>
        )}
        {error('contactEmail')}
        <input id={`${id}-contactEmail`} type="email" value={values.contactEmail} autoComplete="off"
          aria-invalid={errors.contactEmail !== undefined || undefined} aria-describedby={described('contactEmail', emailHint)}
          onChange={(event) => onChange({ ...values, contactEmail: event.target.value })} />
      </div>
      {editing?.hasContactEmail === true && (
        <label className="checkbox">
          <input type="checkbox" checked={values.forgetEmail} disabled={values.contactEmail.trim() !== ''}
            onChange={(event) => onChange({ ...values, forgetEmail: event.target.checked })} />
          {t('case.parties.edit.forgetEmail')}
        </label>
      )}
    </>
  );
}

/** Moves focus to the first field with an error, whose description says what to fix. */
export function focusFirstError(id: string, errors: PartyFieldErrors): void {
  const first = (['role', 'accountName', 'displayName', 'contactEmail'] as const).find((field) => errors[field] !== undefined);
  if (first !== undefined) document.getElementById(`${id}-${first}`)?.focus();
}
