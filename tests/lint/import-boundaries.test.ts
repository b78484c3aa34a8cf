import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// Lints snippets through the project's own eslint.config.js, as `npm run lint` does, but without
// type information (the snippets are not files of the TypeScript project) and only the rules that
// carry the folder rules. Expectations come from the folder map in docs/ARCHITECTURE.md, so the
// document and the lint cannot drift apart.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BOUNDARY_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals']);

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: false } } },
    ruleFilter: ({ ruleId }) => BOUNDARY_RULES.has(ruleId),
  });
});

/** The boundary errors ESLint reports for `code` placed at `file`. */
async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  if (result === undefined) throw new Error(`ESLint returned nothing for ${file}`);
  return result.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const importing = (specifier: string): string => `import { thing } from '${specifier}';\nexport const used = thing;\n`;

/** The folder map's rows: folder → the folders its "may import" cell allows. */
function folderMap(): Map<string, string[]> {
  const doc = readFileSync(path.join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8');
  const section = doc.split('## Folder map')[1]?.split('\n## ')[0] ?? '';
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const folder = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
    if (folder === undefined) continue;
    // The allowed list is the backticked names before the first semicolon; what follows is commentary.
    const allowed = (cells[3] ?? '').split(';')[0] ?? '';
    rows.set(folder.replace(/\/$/, ''), [...allowed.matchAll(/`([^`]+)`/g)].map((m) => (m[1] ?? '').replace(/\/$/, '')));
  }
  return rows;
}

const map = folderMap();
const layers = [...map.keys()].filter((f) => f.startsWith('src/')).map((f) => f.slice('src/'.length));
const mayImport = (layer: string): string[] => (map.get(`src/${layer}`) ?? []).map((name) => name.replace(/^src\//, '')).filter((n) => layers.includes(n));

describe('the folder map in docs/ARCHITECTURE.md', () => {
  it('has a row for every folder under src/ and one for the console', () => {
    const onDisk = readdirSync(path.join(ROOT, 'src'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(layers.length).toBeGreaterThan(5);
    expect([...layers].sort()).toEqual([...onDisk].sort());
    expect(map.get('client')).toBeDefined();
  });
});

// ESLint runs in-process with type information: a busy machine needs more than the default 5 s.
describe('import boundaries (eslint.config.js)', { timeout: 60_000 }, () => {
  // Depth 0 and depth 2 (src/<layer>/a/b/x.ts): the rules are written per depth, so both must bite.
  for (const layer of layers) {
    it(`src/${layer} may import exactly what its row says`, async () => {
      for (const depth of [0, 2]) {
        const file = `src/${layer}/${'sub/'.repeat(depth)}probe.ts`;
        for (const other of layers.filter((l) => l !== layer)) {
          const errors = await lint(file, importing(`${'../'.repeat(depth + 1)}${other}/thing.js`));
          expect(errors.length > 0, `${file} importing src/${other}: ${errors.join('; ')}`).toBe(!mayImport(layer).includes(other));
        }
        expect(await lint(file, importing(`./${'../'.repeat(depth)}sibling.js`)), `${file} importing its own folder`).toEqual([]);
      }
    });
  }

  it('catches the wrong imports a newcomer would write', async () => {
    const wrong: [string, string][] = [
      ['src/domain/x.ts', importing('../db/connection.js')],
      ['src/domain/x.ts', "export * from '../services/context.js';\n"],
      ['src/domain/x.ts', "import type { HavenDb } from '../db/connection.js';\nexport type Db = HavenDb;\n"],
      ['src/shared/x.ts', importing('node:fs')],
      ['src/shared/x.ts', importing('fs')],
      ['src/shared/x.ts', importing('nodemailer')],
      ['src/shared/x.ts', 'export const bytes = Buffer.from("x");\n'],
      ['src/services/x.ts', importing('kysely')],
      ['src/services/x.ts', importing('../../src/server/app.js')],
      ['src/services/x.ts', 'export const later = () => import("../db/connection.js");\n'],
      ['src/jobs/x.ts', importing('../integrations/mail/mailer.js')],
      ['src/server/routes/cases/x.ts', importing('../../../db/repositories/cases.js')],
      ['src/server/x.ts', importing('../../tests/support/test-app.js')],
      ['src/cli/x.ts', importing('pg')],
      ['src/helpers/x.ts', 'export const orphan = 1;\n'],
      ['client/src/x.ts', importing('../../src/services/submit-report.js')],
      ['client/src/components/X.tsx', importing('../../../src/db/connection.js')],
      ['client/src/components/X.tsx', importing('../../../tests/support/catalog.js')],
      ['client/src/x.ts', importing('node:path')],
      ['client/src/x.ts', importing('kysely')],
    ];
    for (const [file, code] of wrong) expect(await lint(file, code), `${file}: ${code}`).not.toEqual([]);
  });

  it('lets through the imports the map allows', async () => {
    const allowed: [string, string][] = [
      ['src/db/repositories/x.ts', importing('kysely')],
      ['src/db/x.ts', importing('../shared/ids.js')],
      ['src/services/emails/x.ts', importing('../../db/repositories/cases.js')],
      ['src/server/x.ts', importing('../runtime/config.js')],
      ['src/cli/x.ts', importing('../server/main.js')],
      ['src/services/x.ts', 'export const later = () => import("./emails/receipt-email.js");\n'],
      ['src/server/routes/cases/x.test.ts', importing('../../../../tests/support/test-app.js')],
      ['src/services/x.test.ts', importing('kysely')],
      ['client/src/x.ts', importing('react')],
      ['client/src/components/X.tsx', importing('../i18n')],
      ['client/src/components/X.tsx', importing('../../../src/domain/case-lifecycle.js')],
      ['client/src/components/X.tsx', importing('../../../src/shared/ids.js')],
      ['client/src/components/X.tsx', importing('../../../messages/en.json')],
    ];
    for (const [file, code] of allowed) expect(await lint(file, code), `${file}: ${code}`).toEqual([]);
  });

  it('lets the console import exactly the folders its row names', async () => {
    const consoleRow = map.get('client') ?? [];
    expect(consoleRow).toContain('messages');
    for (const folder of [...layers.map((l) => `src/${l}`), 'messages', 'tests', 'bench', 'scripts']) {
      const errors = await lint('client/src/pages/Probe.tsx', importing(`../../../${folder}/thing.js`));
      expect(errors.length > 0, `client importing ${folder}: ${errors.join('; ')}`).toBe(!consoleRow.includes(folder));
    }
  });
});
