/**
 * Reads one line holding a password. At a terminal it asks for it and turns echo off (raw
 * mode), so it is neither shown nor kept in the terminal's scrollback; from a pipe (scripts)
 * it reads the first line. Never from the command line, where `ps` and shell history see it.
 */
export async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return readFirstLine();
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (chunk: string): void => {
        for (const char of chunk) {
          if (char === '\r' || char === '\n') { stdin.off('data', onData); resolve(typed); return; }
          if (char === '\u0003') { stdin.off('data', onData); reject(new Error('Cancelled.')); return; }
          if (char === '\u007f' || char === '\b') typed = Array.from(typed).slice(0, -1).join('');
          else typed += char;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write('\n');
  }
}

async function readFirstLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}
