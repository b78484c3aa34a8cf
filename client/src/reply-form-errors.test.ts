import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { t } from './i18n';
import { checkReply, describeSendFailure } from './reply-form-errors';

const now = new Date('2026-03-10T12:00:00.000Z');

describe('checkReply', () => {
  it('passes a reply without a promise', () => {
    expect(checkReply('Thank you for writing.', '', now, 'UTC')).toEqual({ errors: {}, promiseUpdateBy: undefined });
  });

  it('turns the promise into ISO with the offset of the zone', () => {
    expect(checkReply('We are looking.', '2026-03-12T17:00', now, 'Europe/Berlin')).toEqual({
      errors: {},
      promiseUpdateBy: '2026-03-12T17:00:00+01:00',
    });
  });

  it('asks for text when the reply is empty or only spaces', () => {
    expect(checkReply('  \n ', '', now, 'UTC').errors).toEqual({ body: t('case.reply.error.bodyEmpty') });
  });

  it('names what is wrong with the promise date', () => {
    expect(checkReply('x', '2026-03-10T11:00', now, 'UTC').errors.promiseUpdateBy).toBe(t('case.reply.error.promisePast'));
    expect(checkReply('x', '2026-06-10T11:00', now, 'UTC').errors.promiseUpdateBy).toBe(
      t('case.reply.error.promiseTooFar', { days: 60 }),
    );
    expect(checkReply('x', '2026-02-30T11:00', now, 'UTC').errors.promiseUpdateBy).toBe(t('case.reply.error.promiseInvalid'));
    expect(checkReply('x', '2026-03-10T12:02', now, 'UTC').errors.promiseUpdateBy).toBe(
      t('case.reply.error.promiseTooSoon', { minutes: 5 }),
    );
  });
});

describe('describeSendFailure', () => {
  it('puts the server field errors beside their fields', () => {
    const error = new ApiError(400, 'validation_failed', 'Some fields need attention.', { body: 'x', promiseUpdateBy: 'y' });
    expect(describeSendFailure(error)).toEqual({
      message: t('case.reply.invalid'),
      errors: { body: t('case.reply.error.body'), promiseUpdateBy: t('case.reply.error.promise', { days: 60 }) },
    });
  });

  it('says when the party can no longer be written to', () => {
    const error = new ApiError(400, 'validation_failed', 'Some fields need attention.', { partyId: 'unknown' });
    expect(describeSendFailure(error)).toEqual({ message: t('case.reply.error.party'), errors: {} });
  });

  it('explains refusals that are not about a field', () => {
    expect(describeSendFailure(new ApiError(403, 'forbidden', 'No')).message).toBe(t('case.reply.forbidden'));
    expect(describeSendFailure(new ApiError(404, 'not_found', 'No')).message).toBe(t('case.reply.notFound'));
    expect(describeSendFailure(new ApiError(0, 'network_error', 'No')).message).toBe(t('case.reply.network'));
    expect(describeSendFailure(new ApiError(500, 'internal', 'No')).message).toBe(t('case.reply.failed'));
    expect(describeSendFailure(new Error('boom')).message).toBe(t('case.reply.failed'));
  });
});
