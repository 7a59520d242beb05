#!/usr/bin/env bash
# `npm run examples` (and .ci/run): proves Tidings installs as a package. Builds the library, packs it
# (npm pack), checks the tarball (tools/check-package.ts), installs the .tgz with each example's own
# dependencies into a temp folder, then type-checks and builds the example there and runs its tests
# (Vitest with tidings/testing in jsdom, and Chromium end to end). KEEP=1 keeps the temp folder.
# Vitest's JSON report goes to test-results/examples-<name>.json, counted by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=$(mktemp -d /tmp/tidings-examples.XXXXXX)
[ "${KEEP:-}" = 1 ] && echo "== temp folder $work" || trap 'rm -rf "$work"' EXIT

echo "== build:lib"
npm run -s build:lib
echo "== npm pack"
tarball=$(npm pack --silent --pack-destination "$work" | tail -1)
npx tsx tools/check-package.ts "$work/$tarball"

# Install scripts are skipped: the one that matters, better-sqlite3's, compiles SQLite (minutes on two
# busy cores, no prebuilt binary can be downloaded here). Its addon is taken from the repository's own
# install when the versions match, else compiled as a consumer's install would.
reuse_native_addon() {
  local name=$1 file=$2 version
  version=$(node -p "require('./node_modules/$name/package.json').version")
  if [ "$version" = "$(node -p "require('$repo/node_modules/$name/package.json').version")" ] && [ -f "$repo/node_modules/$name/$file" ]; then
    mkdir -p "node_modules/$name/$(dirname "$file")" && cp "$repo/node_modules/$name/$file" "node_modules/$name/$file"
  else
    npm rebuild "$name" --loglevel=error
  fi
}

mkdir -p test-results
for example in headless; do
  echo "== examples/$example: install $tarball and its dependencies"
  # Everything but what a previous local run left (node_modules, dist).
  mkdir "$work/$example"
  tar -C "examples/$example" --exclude=node_modules --exclude=dist -cf - . | tar -C "$work/$example" -xf -
  cp "$work/$tarball" "$work/$example/tidings.tgz"
  cd "$work/$example"
  npm install --prefer-offline --no-audit --no-fund --loglevel=error --ignore-scripts
  reuse_native_addon better-sqlite3 build/Release/better_sqlite3.node
  echo "== examples/$example: typecheck, build, test"
  npm run -s typecheck
  npm run -s build
  npx vitest run --reporter=default --reporter=json --outputFile.json="$repo/test-results/examples-$example.json"
  cd "$repo"
done
