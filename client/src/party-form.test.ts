import { describe, expect, it } from 'vitest';
import { ApiError, type Party } from './api';
import { t } from './i18n';
import { addPartyBody, checkPartyForm, describePartyFailure, editPartyBody, partyFormFrom, type PartyFormValues } from './party-form';

const witness: Party = { id: 'p-1', role: 'witness', username: 'Watching Heron', canReceiveReplies: false, displayName: null, hasContactEmail: true };

function form(overrides: Partial<PartyFormValues> = {}): PartyFormValues {
  return { ...partyFormFrom(witness), ...overrides };
}

describe('checkPartyForm', () => {
  it('asks for an account name or a name when both are blank or spaces', () => {
    expect(checkPartyForm(form({ accountName: '  ', displayName: '' }))).toEqual({ accountName: t('case.parties.error.nameNeeded') });
  });

  it('accepts a name alone', () => {
    expect(checkPartyForm(form({ accountName: '', displayName: 'the person from the meetup' }))).toEqual({});
  });
});

describe('addPartyBody', () => {
  it('trims what was typed and sends blanks as null', () => {
    expect(addPartyBody({ role: 'target', accountName: ' Quiet Wren ', displayName: ' ', contactEmail: '', forgetEmail: false }))
      .toEqual({ role: 'target', accountName: 'Quiet Wren', displayName: null, contactEmail: null });
  });
});

describe('editPartyBody', () => {
  it('sends nothing when nothing changed (the empty address box keeps the address on file)', () => {
    expect(editPartyBody(witness, form())).toBeNull();
  });

  it('sends only the fields that changed', () => {
    expect(editPartyBody(witness, form({ role: 'target', displayName: 'Heron' }))).toEqual({ role: 'target', displayName: 'Heron' });
  });

  it('clears an account name emptied in the form', () => {
    expect(editPartyBody(witness, form({ accountName: '', displayName: 'Heron' }))).toEqual({ accountName: null, displayName: 'Heron' });
  });

  it('replaces the address when a new one is typed, even if "forget" is ticked', () => {
    expect(editPartyBody(witness, form({ contactEmail: 'new@example.org', forgetEmail: true }))).toEqual({ contactEmail: 'new@example.org' });
  });

  it('forgets the address only when there is one on file', () => {
    expect(editPartyBody(witness, form({ forgetEmail: true }))).toEqual({ contactEmail: null });
    expect(editPartyBody({ ...witness, hasContactEmail: false }, form({ forgetEmail: true }))).toBeNull();
  });
});

describe('describePartyFailure', () => {
  it('puts a refused address beside the address field', () => {
    const failure = describePartyFailure(new ApiError(400, 'validation_failed', 'Invalid', { contactEmail: 'Must be an email address' }));
    expect(failure).toEqual({ message: t('case.parties.error.fix'), errors: { contactEmail: t('case.parties.error.contactEmail') } });
  });

  it('explains a role that is taken beside the role field', () => {
    const failure = describePartyFailure(new ApiError(409, 'conflict', 'This case already has a target.', { role: 'A case has one target' }));
    expect(failure.errors).toEqual({ role: t('case.parties.error.roleTaken') });
  });

  it('ignores fields the form does not have, and says the party is gone on 404', () => {
    expect(describePartyFailure(new ApiError(404, 'not_found', 'No such person', { partyId: 'x' })))
      .toEqual({ message: t('case.parties.error.gone'), errors: {} });
  });

  it('tells a network failure apart from other failures', () => {
    expect(describePartyFailure(new ApiError(0, 'network_error', '')).message).toBe(t('case.parties.error.network'));
    expect(describePartyFailure(new Error('boom')).message).toBe(t('case.parties.error.failed'));
  });
});
