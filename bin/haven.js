#!/usr/bin/env node
// The `haven` command. It runs the compiled build; `npm install` builds it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/haven.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('haven: the build is missing. Run `npm install` (or `npm run build`) in the Haven folder first.\n');
  process.exit(1);
}
await import(entry.href);
