import { parseArgs } from 'node:util';
import type { HavenConfig } from '../runtime/config.js';
import { openContext } from '../runtime/open-context.js';
import { listStaffAccounts } from '../services/list-staff-accounts.js';
import { resetStaffPassword } from '../services/reset-staff-password.js';
import { disableStaffByUsername } from '../services/set-staff-active.js';
import { readPassword } from './read-password.js';


/** Runs `haven user list|reset-password|disable`; null when the arguments are not understood. */
export function runUserAdmin(config: HavenConfig, sub: string, args: string[]): Promise<number> | null {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { username: { type: 'string' } } });
  if (positionals.length > 0) return null;
  const username = values.username;
  if (sub === 'list' && username === undefined) {
    return withContext(config, async (ctx) => {
      for (const a of await listStaffAccounts(ctx)) {
        const roles = a.roles.map((r) => `${r.slug}:${r.role}`).join(',') || '-';
        process.stdout.write(`${a.username}\t${a.active ? 'active' : 'disabled'}\t${a.secondFactor ? 'totp' : 'no-totp'}\t${roles}\n`);
      }
      return 0;
    });
  }
  if (username === undefined) return null;
  if (sub === 'reset-password') {
    return (async () => {
      const password = await readPassword(`New password for ${username} (at least 12 characters), then Enter: `);
      return withContext(config, async (ctx) => {
        const { sessions } = await resetStaffPassword(ctx, { username, password });
        process.stdout.write(`Set a new password for ${username}; ended ${sessions} session(s).\n`);
        return 0;
      });
    })();
  }
  if (sub === 'disable') {
    return withContext(config, async (ctx) => {
      await disableStaffByUsername(ctx, username);
      process.stdout.write(`Disabled ${username}; their sessions have ended.\n`);
      return 0;
    });
  }
  return null;
}

async function withContext(config: HavenConfig, run: (ctx: Awaited<ReturnType<typeof openContext>>['ctx']) => Promise<number>): Promise<number> {
  const { ctx, handle } = await openContext(config);
  try {
    return await run(ctx);
  } finally {
    await handle.close();
  }
}
