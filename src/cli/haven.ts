import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../runtime/config.js';
import { AppError, DATABASE_BUSY_SENTENCE, isDatabaseBusy } from '../services/errors.js';
import { ListenError } from '../server/listen-error.js';
import { DESK_USAGE, TRAINING_USAGE, USER_USAGE } from './usage.js';
import { helpFor } from './help.js';

// Each command's module is imported when that command runs, so a short command (`user add`,
// `desk list`, `--help`) does not first load the server and everything else.

const USAGE = `Usage: haven <command> [options]

Commands:
  <command> --help          what a command does and its options
  serve                     start Haven (the default command)
  migrate                   bring the database schema up to date
  user add --username NAME --role ROLE --password-stdin [--email ADDRESS] [--desk SLUG] [--account NAME]...
                            create a staff account (roles: handler, reviewer, escalation, admin)
                            with that role on the desk (default: the default desk); with
                            --email, reminders of due promises reach them by mail; each
                            --account links a wiki account name of theirs: cases naming it
                            are recused for them
${DESK_USAGE}${USER_USAGE}  seed-demo                 fill an empty database with a few demonstration cases
  audit verify [--head FILE]
                            check every link of the audit log (keyed by the secret key), and
                            compare it with the exported head (default HAVEN_AUDIT_HEAD_FILE)
  audit export-head [FILE]  write the audit log's head (entry count, last hash) to FILE now;
                            the worker does it every hour
  rotate-key --new-key      make a new secret key current, keeping the old one to open what it sealed
                            (key file: rewrites secret.key and previous.keys; HAVEN_SECRET_KEY:
                            prints the settings to change); then restart every Haven process
  rotate-key                re-seal every stored secret under the current key while Haven runs,
                            with a progress bar; resumes where a killed run stopped
  backup FILE [--force]     copy the SQLite database to FILE while Haven runs
                            (PostgreSQL: use pg_dump; see docs/OPERATIONS.md)
  restore FILE              check a backup and put it in place of the SQLite database;
                            stop the server first (the old file is kept beside it)
${TRAINING_USAGE}
Configuration comes from environment variables; see docs/OPERATIONS.md.
`;

async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(helpFor(USAGE, [command, ...rest.filter((a) => !a.startsWith('-'))]));
    return 0;
  }
  // Training commands work on files alone: no configuration, no database.
  if (command === 'training') {
    const { runTraining } = await import('./training.js');
    const code = runTraining(rest);
    if (code !== null) return code;
    process.stderr.write(USAGE);
    return 2;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      return (await import('./commands.js')).runServe(config);
    case 'migrate':
      return (await import('./commands.js')).runMigrate(config);
    case 'seed-demo':
      return (await import('./commands.js')).runSeedDemo(config);
    case 'audit': {
      const [sub, ...args] = rest;
      if (sub === 'verify') {
        const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { head: { type: 'string' } } });
        if (positionals.length !== 0) break;
        return (await import('./commands.js')).runAuditVerify(config, values.head);
      }
      if (sub === 'export-head' && args.length <= 1) return (await import('./commands.js')).runAuditExportHead(config, args[0]);
      break;
    }
    case 'rotate-key': {
      const { values, positionals } = parseArgs({ args: rest, strict: true, allowPositionals: true, options: { 'new-key': { type: 'boolean' } } });
      if (positionals.length !== 0) break;
      const { runNewKey, runRotateKey } = await import('./rotate-key.js');
      return values['new-key'] === true ? runNewKey(config) : runRotateKey(config);
    }
    case 'backup':
    case 'restore': {
      const { values, positionals } = parseArgs({
        args: rest, strict: true, allowPositionals: true,
        options: command === 'backup' ? { force: { type: 'boolean', default: false } } : {},
      });
      const [file] = positionals;
      if (file === undefined || positionals.length !== 1) break;
      return command === 'backup'
        ? (await import('./backup.js')).runBackup(config, { file, force: values.force === true })
        : (await import('./restore.js')).runRestore(config, { file });
    }
    case 'desk': {
      const run = (await import('./desk-commands.js')).runDesk(config, rest);
      if (run === null) break;
      return run;
    }
    case 'user': {
      const [sub, ...args] = rest;
      if (sub === 'list' || sub === 'reset-password' || sub === 'disable') {
        const run = (await import('./user-commands.js')).runUserAdmin(config, sub, args);
        if (run === null) break;
        return run;
      }
      if (sub === 'grant' || sub === 'revoke') {
        const run = (await import('./desk-commands.js')).runUserRole(config, sub, args);
        if (run === null) break;
        return run;
      }
      if (sub !== 'add') break;
      const { values } = parseArgs({
        args, strict: true,
        options: {
          username: { type: 'string' }, role: { type: 'string' }, email: { type: 'string' }, desk: { type: 'string' }, 'password-stdin': { type: 'boolean' },
          account: { type: 'string', multiple: true },
        },
      });
      if (values.username === undefined || values.role === undefined || values['password-stdin'] !== true) break;
      return (await import('./commands.js')).runUserAdd(config, { username: values.username, role: values.role, email: values.email, desk: values.desk, accounts: values.account });
    }
    default:
      break;
  }
  process.stderr.write(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (error: unknown) => {
    if (isDatabaseBusy(error)) {
      process.stderr.write(`haven: ${DATABASE_BUSY_SENTENCE}\n`);
      process.exitCode = 1;
      return;
    }
    if (error instanceof ListenError) {
      process.stderr.write(`haven: ${error.message}\n`);
      // Whatever else is still open must not keep a server that never listened alive.
      process.exit(1);
    }
    if (error instanceof ConfigError || error instanceof AppError) {
      process.stderr.write(`haven: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      process.stderr.write(`haven: ${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`haven: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
