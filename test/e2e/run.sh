#!/usr/bin/env bash
# The end-to-end test: our packed package in a real n8n, against the GREEN-API emulator.
# Usage: npm run test:e2e [-- <jest args>]   (or: bash test/e2e/run.sh [<jest args>])
# Needs only `npm ci` at the repository root; installs n8n into test/e2e/n8n on first use.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
say() { echo "[e2e] $*"; }
start=$SECONDS

# n8n 2.39 needs Node 24: the root's `node` dev dependency, whatever node the machine has.
if [[ ! -x node_modules/.bin/node ]]; then
	say "node_modules/.bin/node is missing: run npm ci at the repository root first" >&2
	exit 1
fi
export PATH="$root/node_modules/.bin:$PATH"
say "Node $(node --version), npm $(npm --version)"

# Every step has a hard limit; `timeout` ends the step's whole process group.
bash test/e2e/install-n8n.sh "$root"

say "building the package (npm run build)"
timeout -k 10 300 npm run build --silent

say "packing it (npm pack)"
mkdir -p .e2e
# Screenshots of an earlier run would sit beside this run's under the same numbers.
rm -rf .e2e/screenshots
rm -f .e2e/*.tgz
tarball="$(timeout -k 10 120 npm pack --pack-destination .e2e --silent | tail -n 1)"
export E2E_TARBALL="$root/.e2e/$tarball"
say "packed $E2E_TARBALL"

say "running the test (jest -c test/e2e/jest.config.js)"
results=.e2e/jest-results.json
rm -f "$results"
status=0
# 14 files, one n8n each, about 18 minutes on this 2-core machine: the limit leaves room, and
# .ci/run's own 45 minutes for this whole script cover the n8n install too.
timeout -k 30 2100 jest -c test/e2e/jest.config.js --json --outputFile="$results" "$@" || status=$?
# A closing line that CI tooling reads whatever the runner: "e2e: N passed, N failed".
if [[ -f "$results" ]]; then
	node -e 'const r = require(process.argv[1]); console.log(`e2e: ${r.numPassedTests} passed, ${r.numFailedTests} failed`)' "$root/$results"
fi
say "end-to-end test $([[ $status == 0 ]] && echo passed || echo "FAILED (exit $status)") after $((SECONDS - start))s"
exit "$status"
