import { parseArgs } from 'node:util';
import type { HavenConfig } from '../runtime/config.js';
import { openContext } from '../runtime/open-context.js';
import type { ServiceContext } from '../services/context.js';
import { createDesk } from '../services/create-desk.js';
import { listAllDesks } from '../services/list-desks.js';
import { grantDeskRole } from '../services/grant-desk-role.js';
import { revokeDeskRole } from '../services/revoke-desk-role.js';
import { setDeskFileLimits } from '../services/set-desk-file-limits.js';


async function withContext(config: HavenConfig, run: (ctx: ServiceContext) => Promise<number>): Promise<number> {
  const { ctx, handle } = await openContext(config);
  try {
    return await run(ctx);
  } finally {
    await handle.close();
  }
}

/** Runs `haven desk <subcommand>`; null when the arguments are not understood. */
export function runDesk(config: HavenConfig, args: string[]): Promise<number> | null {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest, strict: true, allowPositionals: true,
    options: {
      slug: { type: 'string' }, name: { type: 'string' }, 'reporter-name': { type: 'string' }, 'max-files': { type: 'string' }, 'max-mb': { type: 'string' },
    },
  });
  if (positionals.length > 0) return null;
  if (sub === 'files') return runDeskFiles(config, values);
  if (sub === 'list' && Object.keys(values).length === 0) {
    return withContext(config, async (ctx) => {
      for (const d of await listAllDesks(ctx)) {
        process.stdout.write(`${d.slug}\t${d.name}\treporters see: ${d.reporterName}${d.isDefault ? '\t(default)' : ''}\n`);
      }
      return 0;
    });
  }
  const { slug, name } = values;
  if (sub !== 'add' || slug === undefined || name === undefined) return null;
  return withContext(config, async (ctx) => {
    const desk = await createDesk(ctx, { slug, name, reporterName: values['reporter-name'] }, null);
    process.stdout.write(`Created desk ${desk.slug} (${desk.name}); reporters see it as ${desk.reporterName}.\n`);
    return 0;
  });
}

/** `haven desk files`: a desk's limits on evidence files; null when the arguments are not understood. */
function runDeskFiles(config: HavenConfig, values: { slug?: string | undefined; 'max-files'?: string | undefined; 'max-mb'?: string | undefined }): Promise<number> | null {
  const { slug } = values;
  const maxFiles = values['max-files'];
  const maxMb = values['max-mb'];
  if (slug === undefined || maxFiles === undefined || maxMb === undefined) return null;
  return withContext(config, async (ctx) => {
    await setDeskFileLimits(ctx, slug, { maxFiles: Number(maxFiles), maxBytes: Math.round(Number(maxMb) * 1024 * 1024) }, null);
    process.stdout.write(`Desk ${slug} now takes up to ${maxFiles} evidence files of at most ${maxMb} MB each.\n`);
    return 0;
  });
}

/** Runs `haven user grant` or `haven user revoke`; null when the arguments are not understood. */
export function runUserRole(config: HavenConfig, sub: string | undefined, args: string[]): Promise<number> | null {
  const { values } = parseArgs({
    args, strict: true, options: { username: { type: 'string' }, desk: { type: 'string' }, role: { type: 'string' } },
  });
  const { username, desk, role } = values;
  if (username === undefined || desk === undefined) return null;
  if (sub === 'grant' && role !== undefined) {
    return withContext(config, async (ctx) => {
      const granted = await grantDeskRole(ctx, { username, desk, role }, null);
      const change = granted.previous === null ? 'now' : granted.previous === granted.role ? 'already' : `now (was ${granted.previous})`;
      process.stdout.write(`${username} is ${change} ${granted.role} on desk ${granted.desk}.\n`);
      return 0;
    });
  }
  if (sub === 'revoke' && role === undefined) {
    return withContext(config, async (ctx) => {
      const previous = await revokeDeskRole(ctx, { username, desk }, null);
      process.stdout.write(previous === null ? `${username} held no role on desk ${desk}; nothing changed.\n` : `${username} is no longer ${previous} on desk ${desk}.\n`);
      return 0;
    });
  }
  return null;
}
