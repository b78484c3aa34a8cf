#!/usr/bin/env bash
# Every test Haven has, as `npm test` runs it: typecheck, lint, build, unit, integration
# (SQLite, and PostgreSQL too when HAVEN_TEST_DATABASE_URL names a server), browser tests.
# A failing step does not stop the others (only the browser tests need the build), so one
# run shows everything that is wrong. The last line says plainly whether all of it passed.
set -uo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
INSTALL_CHROMIUM='apt-get update && apt-get install -y --no-install-recommends chromium fonts-dejavu-core'
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
started=$SECONDS
summary=()
failures=()

# step NAME COMMAND...: runs the command, keeps its output for the summary, never exits.
step() {
  local name=$1 start=$SECONDS status counts
  shift
  printf '\n==> %s: %s\n' "$name" "$*"
  if "$@" 2>&1 | tee "$logs/step.log"; then status=passed; else status=FAILED; failures+=("$name"); fi
  # Vitest's own count line, e.g. "Tests  396 passed (396)", without colours.
  counts=$(sed 's/\x1b\[[0-9;]*m//g' "$logs/step.log" | grep -E '^ +Tests +[0-9]' | tail -n 1 | sed -E 's/^ +Tests +//; s/ +/ /g')
  summary+=("$(printf '%-12s %-7s %4ss  %s' "$name" "$status" $((SECONDS - start)) "$counts")")
}

skip() {
  printf '\n==> %s: skipped (%s)\n' "$1" "$2"
  summary+=("$(printf '%-12s %-7s        %s' "$1" skipped "$2")")
}

# Debian's Chromium for the browser tests: installed here when we may, else the exact command.
ensure_chromium() {
  [[ -x "$CHROMIUM" ]] && return 0
  if [[ "$CHROMIUM" != /usr/bin/chromium ]]; then
    echo "CHROMIUM_PATH is set to $CHROMIUM, which is not an executable file." >&2
    return 1
  fi
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "Chromium is missing; installing Debian's package: $INSTALL_CHROMIUM"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q && apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
    return
  fi
  echo "The browser tests need Debian's Chromium at /usr/bin/chromium, which is missing." >&2
  echo "Install it as root, then run npm test again:" >&2
  echo "  sudo sh -c '$INSTALL_CHROMIUM'" >&2
  return 1
}

step check npm run check
if [[ -f eslint.config.js ]]; then
  step lint npm run lint
else
  skip lint 'no eslint.config.js yet'
fi
step build npm run build
built=$([[ " ${failures[*]-} " == *' build '* ]] && echo no || echo yes)
step unit npm run test:unit
# The suites note each database they really open (tests/support/dialects.ts), so the summary
# names the dialects that ran, not the ones that were configured. In CI the suite itself
# refuses to run without PostgreSQL.
dialect_log="$logs/dialects-ran"
: >"$dialect_log"
step integration env HAVEN_TEST_DIALECT_LOG="$dialect_log" npm run test:integration
ran=$(sort -ru "$dialect_log" | paste -sd ' ' - | sed 's/ / + /g')
if [[ -z $ran ]]; then
  summary[-1]+="  [no database ran]"
elif [[ " $ran " != *' postgres '* ]]; then
  summary[-1]+="  [ran on $ran only: set HAVEN_TEST_DATABASE_URL for postgres]"
else
  summary[-1]+="  [ran on $ran]"
fi
if [[ $built == no ]]; then
  skip e2e 'the build failed'
  failures+=(e2e)
elif ! ensure_chromium; then
  summary+=("$(printf '%-12s %-7s        %s' e2e FAILED 'Chromium is missing')")
  failures+=(e2e)
else
  step e2e npm run test:e2e
fi

elapsed=$((SECONDS - started))
printf '\n==> Summary\n'
printf '  %s\n' "${summary[@]}"
if [[ ${#failures[@]} -eq 0 ]]; then
  printf 'npm test: PASSED, every step, in %dm%02ds\n' $((elapsed / 60)) $((elapsed % 60))
else
  printf 'npm test: FAILED (%s) after %dm%02ds\n' "${failures[*]}" $((elapsed / 60)) $((elapsed % 60))
  exit 1
fi
