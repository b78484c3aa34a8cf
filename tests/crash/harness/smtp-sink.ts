import { SMTPServer } from 'smtp-server';

export interface SunkMessage { messageId: string; to: string[]; caseReference: string | null; receivedAt: number }

export interface SmtpSink {
  port: number;
  url: string;
  messages: SunkMessage[];
  /** How many times each Message-ID arrived. */
  countsByMessageId(): Map<string, number>;
  close(): Promise<void>;
}

function header(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return match?.[1] === undefined ? null : match[1].replace(/\r?\n[ \t]+/g, ' ').trim();
}

/**
 * A real SMTP server on loopback that accepts everything and records each message whose
 * final dot arrived (the moment a real MTA takes responsibility for it). A client that
 * dies mid-message leaves nothing behind, as with a real server.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SunkMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    hideSTARTTLS: true,
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', () => { /* the client went away mid-message: nothing was delivered */ });
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        messages.push({
          messageId: header(raw, 'Message-ID') ?? '(none)',
          to: session.envelope.rcptTo.map((r) => r.address),
          caseReference: header(raw, 'X-Haven-Case'),
          receivedAt: Date.now(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => { /* a client dropping its connection is expected in these suites */ });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('SMTP sink has no port');
  return {
    port: address.port,
    url: `smtp://127.0.0.1:${address.port}`,
    messages,
    countsByMessageId() {
      const counts = new Map<string, number>();
      for (const m of messages) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
      return counts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
