import { ApiError, RecusedByChange, type Party } from './api';
import type { PartyRole } from './domain';
import { t } from './i18n';

/** The party form as typed: every field a string, empty meaning "not given". */
export interface PartyFormValues {
  role: PartyRole;
  accountName: string;
  displayName: string;
  /** A new address; the stored one is never shown back, so empty means "leave it as it is". */
  contactEmail: string;
  /** Only when editing: forget the address on file. */
  forgetEmail: boolean;
}

/** The fields a party form shows errors beside. */
export type PartyField = 'role' | 'accountName' | 'displayName' | 'contactEmail';
export type PartyFieldErrors = Partial<Record<PartyField, string>>;

const PARTY_FIELDS: readonly PartyField[] = ['role', 'accountName', 'displayName', 'contactEmail'];

function given(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/** A form to edit `party`, filled with what the desk knows (the address stays empty: it is never shown). */
export function partyFormFrom(party: Party): PartyFormValues {
  return { role: party.role, accountName: party.username ?? '', displayName: party.displayName ?? '', contactEmail: '', forgetEmail: false };
}

/** What can be told before asking the server: someone must be named, by account or by name. */
export function checkPartyForm(values: PartyFormValues): PartyFieldErrors {
  if (given(values.accountName) === null && given(values.displayName) === null) return { accountName: t('case.parties.error.nameNeeded') };
  return {};
}

/** The body of `POST .../parties`: trimmed, and empty fields left out. */
export function addPartyBody(values: PartyFormValues): { role: PartyRole; accountName: string | null; displayName: string | null; contactEmail: string | null } {
  return { role: values.role, accountName: given(values.accountName), displayName: given(values.displayName), contactEmail: given(values.contactEmail) };
}

/** The body of `PATCH .../parties/{id}`: only what changed (null clears a field); null when nothing did. */
export function editPartyBody(party: Party, values: PartyFormValues): {
  role?: PartyRole; accountName?: string | null; displayName?: string | null; contactEmail?: string | null;
} | null {
  const changes: { role?: PartyRole; accountName?: string | null; displayName?: string | null; contactEmail?: string | null } = {};
  if (values.role !== party.role) changes.role = values.role;
  const accountName = given(values.accountName);
  if (accountName !== party.username) changes.accountName = accountName;
  const displayName = given(values.displayName);
  if (displayName !== party.displayName) changes.displayName = displayName;
  const contactEmail = given(values.contactEmail);
  if (contactEmail !== null) changes.contactEmail = contactEmail;
  else if (values.forgetEmail && party.hasContactEmail) changes.contactEmail = null;
  return Object.keys(changes).length === 0 ? null : changes;
}

/**
 * Turns a refused add or edit into words beside the fields and one line for the form's live
 * region. The server's own words are English and technical; the catalog's say what to do.
 */
export function describePartyFailure(error: unknown): { message: string; errors: PartyFieldErrors } {
  if (error instanceof RecusedByChange) return { message: t('case.parties.recusedSelf'), errors: {} };
  if (!(error instanceof ApiError)) return { message: t('case.parties.error.failed'), errors: {} };
  if (error.status === 0) return { message: t('case.parties.error.network'), errors: {} };
  const errors: PartyFieldErrors = {};
  for (const field of PARTY_FIELDS) {
    if (error.fields[field] === undefined) continue;
    errors[field] = error.status === 409 && field === 'role' ? t('case.parties.error.roleTaken') : t(`case.parties.error.${field}`);
  }
  if (Object.keys(errors).length > 0) return { message: t('case.parties.error.fix'), errors };
  if (error.status === 404) return { message: t('case.parties.error.gone'), errors: {} };
  return { message: t('case.parties.error.failed'), errors: {} };
}
