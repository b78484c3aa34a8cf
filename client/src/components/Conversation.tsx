import type { CaseDetail, Party, Template } from '../api';
import { isOpen } from '../domain';
import { t } from '../i18n';
import { MessageList } from './MessageList';
import { ReplyForm } from './ReplyForm';

interface ConversationProps {
  detail: CaseDetail;
  /** Whether the signed-in user may reply (reviewers may not). */
  canReply: boolean;
  now: Date;
  /** Called with the case as the server has it after a reply. */
  onCase: (detail: CaseDetail) => void;
  /** The case desk's templates, and the signed-in handler's name that fills them. */
  templates: readonly Template[];
  handlerName: string;
}

/** A party's name for headings: "Alice (Reporter)", or the role alone when no username is known. */
export function partyLabel(party: Party): string {
  const role = t(`partyRole.${party.role}`);
  return party.username === null
    ? t('case.conversation.partyNoUsername', { role })
    : t('case.conversation.party', { username: party.username, role });
}

/** The conversation with each party who has messages or can receive replies, with a reply form. */
export function Conversation({ detail, canReply, now, onCase, templates, handlerName }: ConversationProps) {
  // Every message has one audience: a party who reads replies on /status, or a reported
  // person, who is written to by email or by hand.
  const reachable = (party: Party) => party.canReceiveReplies || party.role === 'reported';
  const shown = detail.parties.filter(
    (party) => reachable(party) || detail.messages.some((m) => m.partyId === party.id),
  );
  if (shown.length === 0) return <p className="muted">{t('case.conversation.empty')}</p>;
  return (
    <>
      {shown.map((party) => {
        const headingId = `conversation-${party.id}`;
        return (
          <section key={party.id} aria-labelledby={headingId} className="conversation">
            <h3 id={headingId}>{partyLabel(party)}</h3>
            <MessageList messages={detail.messages.filter((m) => m.partyId === party.id)} party={party} />
            {!reachable(party) && <p className="muted">{t('case.conversation.cannotReceive')}</p>}
            {reachable(party) && canReply && (
              <ReplyForm
                reference={detail.reference}
                party={party}
                canPromise={party.role === 'reporter' && isOpen(detail.status)}
                now={now}
                onSent={onCase}
                templates={templates}
                handlerName={handlerName}
                language={detail.language}
              />
            )}
          </section>
        );
      })}
    </>
  );
}
