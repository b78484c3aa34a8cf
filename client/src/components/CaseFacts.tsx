import type { CaseDetail, StaffUser } from '../api';
import { formatDateTime, formatRelative } from '../format-time';
import { locale, t } from '../i18n';
import { venueName } from '../venue-name';
import { SeverityBadge, StatusBadge } from './Badges';
import { PromisedUpdate } from './PromisedUpdate';
import { ResponseClock } from './ResponseClock';

interface CaseFactsProps {
  detail: CaseDetail;
  user: StaffUser;
  now: Date;
}

const languageNames = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });

function languageName(code: string): string {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code; // not a valid language tag
  }
}

/** The case at a glance: status, severity, category, assignee, clocks and reporter. */
export function CaseFacts({ detail, user, now }: CaseFactsProps) {
  const assignee = detail.assignee;
  const received = formatDateTime(detail.receivedAt, locale);
  return (
    <dl className="facts">
      <div>
        <dt>{t('case.field.status')}</dt>
        <dd>
          <StatusBadge status={detail.status} />
        </dd>
      </div>
      <div>
        <dt>{t('case.field.severity')}</dt>
        <dd>
          <SeverityBadge severity={detail.severity} />
        </dd>
      </div>
      <div>
        <dt>{t('case.field.category')}</dt>
        <dd>{t(`category.${detail.category}`)}</dd>
      </div>
      <div>
        <dt>{t('case.field.assignee')}</dt>
        <dd>
          {assignee === null
            ? t('case.assignee.none')
            : assignee.id === user.id
              ? t('case.assignee.you', { username: assignee.username })
              : assignee.username}
        </dd>
      </div>
      <div>
        <dt>{t('case.field.venue')}</dt>
        <dd>{detail.venue === null ? t('case.venue.none') : venueName(detail.venue)}</dd>
      </div>
      <div>
        <dt>{t('case.field.received')}</dt>
        <dd>
          <time dateTime={detail.receivedAt}>
            {t('case.received', { date: received ?? '', relative: formatRelative(detail.receivedAt, now, locale) ?? '' })}
          </time>
        </dd>
      </div>
      <div>
        <dt>{t('case.field.firstResponse')}</dt>
        <dd>
          <ResponseClock
            dueAt={detail.firstResponseDueAt}
            respondedAt={detail.firstRespondedAt}
            severity={detail.severity}
            now={now}
          />
        </dd>
      </div>
      <div>
        <dt>{t('case.field.nextUpdate')}</dt>
        <dd>
          <PromisedUpdate dueAt={detail.nextUpdateDueAt} severity={detail.severity} now={now} />
        </dd>
      </div>
      <div>
        <dt>{t('case.field.reporterRole')}</dt>
        <dd>{t(`reporterRole.${detail.reporterRole}`)}</dd>
      </div>
      <div>
        <dt>{t('case.field.language')}</dt>
        <dd>{languageName(detail.language)}</dd>
      </div>
      <div>
        <dt>{t('case.field.contact')}</dt>
        <dd>{t(detail.hasContactEmail ? 'case.contact.yes' : 'case.contact.no')}</dd>
      </div>
    </dl>
  );
}
