import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received { from: string; to: string[]; data: string }

/** A real SMTP server on loopback, started by the test; it can be told to refuse recipients. */
export async function startSmtp(): Promise<{ port: number; received: Received[]; refuse: { now: boolean }; close(): Promise<void> }> {
  const received: Received[] = [];
  const refuse = { now: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.now) {
        const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, refuse, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A received message with the Message-ID it carried. */
export interface ReceivedWithId extends Received { messageId: string }

/**
 * A real SMTP server on loopback that can be taken down and brought back on the same port:
 * while down nothing listens there, so every connection is refused, as when a relay is
 * stopped or unreachable; open connections are closed at once.
 */
export async function startRestartableSmtp(): Promise<{
  port: number; received: ReceivedWithId[]; down(): Promise<void>; up(): Promise<void>; close(): Promise<void>;
}> {
  const received: ReceivedWithId[] = [];
  const make = () => new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 50,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const data = Buffer.concat(chunks).toString('utf8');
        received.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
          messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(data)?.[1] ?? '',
        });
        callback();
      });
    },
  });
  const listen = (server: SMTPServer, port: number) => new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  let server: SMTPServer | null = make();
  await listen(server, 0);
  const port = (server.server.address() as AddressInfo).port;
  const down = async () => {
    const current = server;
    server = null;
    if (current !== null) await new Promise<void>((resolve) => current.close(() => resolve()));
  };
  return {
    port, received, down,
    async up() {
      if (server !== null) return;
      server = make();
      await listen(server, port);
    },
    close: down,
  };
}
