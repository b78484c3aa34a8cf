// The folder rules of docs/ARCHITECTURE.md ("Folder map"), as ESLint's own no-restricted-imports.
// The rule matches the import string, not the resolved file, so each rule is written per folder
// depth: from `src/services/security/x.ts`, `../../db/…` is src/db, while `../db/…` is not.
// tests/lint/import-boundaries.test.ts reads the table in ARCHITECTURE.md and checks every cell.
import { builtinModules } from 'node:module';

/** Which folders of src/ each folder of src/ may import (besides its own). */
export const LAYERS = {
  domain: [],
  shared: ['domain'],
  db: ['shared', 'domain'],
  integrations: ['shared', 'domain'],
  training: ['shared', 'domain'],
  services: ['domain', 'db', 'shared', 'integrations'],
  jobs: ['services', 'db', 'domain', 'shared'],
  runtime: ['domain', 'shared', 'db', 'integrations', 'services', 'jobs'],
  server: ['services', 'shared', 'domain', 'runtime', 'training'],
  cli: ['domain', 'shared', 'db', 'integrations', 'services', 'jobs', 'runtime', 'server', 'training'],
};

/** What the console (client/src) may import outside its own code, from the repository root. */
const CONSOLE_MAY_IMPORT = ['src/domain', 'src/shared', 'messages'];
/** Top-level folders no production code imports. */
const NEVER_FROM_SRC = ['tests', 'bench', 'client', 'scripts'];
/** Only src/db talks to the database drivers and the query builder. */
const DATABASE_PACKAGES = ['kysely', 'pg', 'better-sqlite3'];
/** Packages that only run on the server; browser-safe code (domain, shared, the console) stays off them. */
const SERVER_PACKAGES = [...DATABASE_PACKAGES, 'fastify', '@fastify', 'fastify-type-provider-zod', 'nodemailer', 'argon2'];
const MAX_DEPTH = 6;
const DOC = 'see the folder map in docs/ARCHITECTURE.md';

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const up = (n) => `^(?:\\./)?(?:\\.\\./){${n}}`;
const anyOf = (names) => `(?:${names.map(escape).join('|')})(?:/|$)`;
const packages = (names, message) => ({ regex: `^${anyOf(names)}`, message });
const nodeBuiltins = (who) => ({
  regex: `^(?:node:|${anyOf(builtinModules.filter((m) => !m.includes('/')))})`,
  message: `${who} must run in the browser too: no Node built-ins (${DOC}).`,
});
const browserSafe = (who) => [nodeBuiltins(who), packages(SERVER_PACKAGES, `${who} must run in the browser too: no server-only packages (${DOC}).`)];

/** Patterns for a file `depth` folders below src/<layer>/. */
function layerPatterns(layer, depth) {
  const forbidden = Object.keys(LAYERS).filter((other) => other !== layer && !LAYERS[layer].includes(other));
  const who = `src/${layer}`;
  const mayImport = LAYERS[layer].length === 0 ? 'nothing else of src' : LAYERS[layer].map((l) => `src/${l}`).join(', ');
  const patterns = [
    // `../../db/x` from one folder down, or `../../../src/db/x`, which ends in the same place.
    ...forbidden.map((other) => ({ regex: `${up(depth + 1)}(?:\\.\\./src/)?${anyOf([other])}`, message: `${who} may import ${mayImport}; not src/${other} (${DOC}).` })),
    { regex: `${up(depth + 2)}${anyOf(NEVER_FROM_SRC)}`, message: `Production code does not import ${NEVER_FROM_SRC.join(', ')} (${DOC}).` },
  ];
  if (layer !== 'db') patterns.push(packages(DATABASE_PACKAGES, `Only src/db imports ${DATABASE_PACKAGES.join(', ')} (${DOC}).`));
  if (layer === 'domain' || layer === 'shared') patterns.push(...browserSafe(who));
  return patterns;
}

/** Patterns for a console file `depth` folders below client/src/. */
function consolePatterns(depth) {
  return [
    // Anything that climbs out of client/ must land in one of the allowed folders.
    { regex: `${up(depth + 2)}(?!${anyOf(CONSOLE_MAY_IMPORT)})`, message: `The console may import its own code, ${CONSOLE_MAY_IMPORT.join('/, ')}/ and npm packages only (${DOC}).` },
    ...browserSafe('The console'),
  ];
}

const depths = Array.from({ length: MAX_DEPTH }, (_, d) => d);
const below = (depth) => '*/'.repeat(depth);
const DYNAMIC_IMPORT = {
  // A dynamic import of another folder would slip past no-restricted-imports.
  selector: 'ImportExpression:not([source.value=/^\\.\\u002F(?!\\.)/])',
  message: `Import other folders statically, so the folder rules can check them (${DOC}).`,
};
const NODE_GLOBALS = ['process', 'Buffer', 'global', '__dirname', '__filename', 'require', 'setImmediate'];

/** The folder rules as flat-config objects; test files (`*.test.ts`) may import anything, like tests/ and bench/. */
export const importBoundaries = [
  ...Object.keys(LAYERS).flatMap((layer) => depths.map((depth) => ({
    files: [`src/${layer}/${below(depth)}*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: layerPatterns(layer, depth) }] },
  }))),
  ...depths.map((depth) => ({
    files: [`client/src/${below(depth)}*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns: consolePatterns(depth) }] },
  })),
  {
    files: ['src/domain/**/*.ts', 'src/shared/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...NODE_GLOBALS.map((name) => ({ name, message: `Browser-safe code has no ${name} (${DOC}).` }))] },
  },
  { files: ['src/**/*.ts', 'client/src/**/*.{ts,tsx}'], rules: { 'no-restricted-syntax': ['error', DYNAMIC_IMPORT] } },
  {
    // A new folder under src/ needs its row in the folder map and in LAYERS first.
    files: ['src/**/*.ts'],
    ignores: Object.keys(LAYERS).map((layer) => `src/${layer}/**`),
    rules: { 'no-restricted-syntax': ['error', { selector: 'Program', message: `src/ holds only the folders of the folder map; add a new one to LAYERS in eslint.boundaries.js (${DOC}).` }] },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/*.test-helpers.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off', 'no-restricted-syntax': 'off' },
  },
];
