import type { CaseMessage, Party } from '../api';
import { formatDateTime } from '../format-time';
import { locale, t } from '../i18n';

function authorLabel(message: CaseMessage, party: Party): string {
  switch (message.direction) {
    case 'to_party':
      return message.author.username
        ? t('case.message.sentBy', { username: message.author.username })
        : t('case.message.sentByUnknown');
    case 'from_party':
      return t(`case.message.from.${party.role}`);
    default: {
      const unreachable: never = message.direction;
      return unreachable;
    }
  }
}

/** The messages exchanged with one party, oldest first. */
export function MessageList({ messages, party }: { messages: CaseMessage[]; party: Party }) {
  if (messages.length === 0) return <p className="muted">{t('case.conversation.none')}</p>;
  // Sorted here too, so the order never depends on how the server happened to list them.
  const time = (message: CaseMessage): number => Date.parse(message.createdAt) || 0;
  const ordered = [...messages].sort((a, b) => time(a) - time(b));
  return (
    <ol className="messages">
      {ordered.map((message) => (
        <li key={message.id} className={`message message-${message.direction.replace('_', '-')}`}>
          <p className="message-meta">
            <strong>{authorLabel(message, party)}</strong>{' '}
            <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, locale)}</time>
          </p>
          {/* Plain text on purpose: the body may be the reporter's words, never markup. */}
          <div className="message-body">{message.body}</div>
          {(message.delivery === 'email' || message.delivery === 'by_hand') && (
            <p className="message-delivery">{t(`case.message.delivery.${message.delivery}`)}</p>
          )}
          {message.promisedUpdateBy !== null && (
            <p className="message-promise">
              <time dateTime={message.promisedUpdateBy}>
                {t('case.message.promised', { date: formatDateTime(message.promisedUpdateBy, locale) ?? '' })}
              </time>
              {message.promise !== null && (
                <>
                  {' '}
                  <span className={`promise-state promise-${message.promise}`}>{t(`case.message.promise.${message.promise}`)}</span>
                </>
              )}
            </p>
          )}
          {message.boilerplateConfirmed && <p className="message-boilerplate">{t('case.message.boilerplateConfirmed')}</p>}
        </li>
      ))}
    </ol>
  );
}
