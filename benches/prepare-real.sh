#!/usr/bin/env bash
# Checks out the repositories of benches/real-repos.json at their pinned commits under
# benches/work-real/<name> (kept between benchmark runs) and installs their dependencies from the
# npm registry (benches/prepare-corpus.py explains how). Needs git access to GitHub, or
# MIRRORS=<folder> holding bare mirrors named <owner>+<repo> (as a fetch tool leaves them).
#   benches/prepare-real.sh [name ...]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/benches/work-real
mkdir -p "$out"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  mapfile -t names < <(node -e "for (const r of require('./benches/real-repos.json')) console.log(r.name)")
fi
for name in "${names[@]}"; do
  read -r url commit < <(node -e "const r = require('./benches/real-repos.json').find((r) => r.name === process.argv[1]); console.log(r.url, r.commit)" "$name")
  dir=$out/$name
  if [ -d "$dir/node_modules" ]; then
    echo "$name: prepared already ($dir)" >&2
    continue
  fi
  rm -rf "$dir"
  source=$url
  if [ -n "${MIRRORS:-}" ]; then
    slug=${url#https://github.com/}
    source=$MIRRORS/${slug/\//+}/repo
  fi
  git clone --quiet --no-checkout "$source" "$dir"
  git -C "$dir" checkout --quiet "$commit"
  python3 benches/prepare-corpus.py "$dir"
  # The app's own packages (roles frontend and backend) go; library packages the plugins use stay.
  node -e "
    const fs = require('fs'), path = require('path');
    const top = path.join(process.argv[1], 'packages');
    for (const name of fs.existsSync(top) ? fs.readdirSync(top) : []) {
      let role;
      try { role = JSON.parse(fs.readFileSync(path.join(top, name, 'package.json'), 'utf8')).backstage?.role; } catch (_) {}
      if (role === 'frontend' || role === 'backend') fs.rmSync(path.join(top, name), { recursive: true });
    }" "$dir"
  # Its own project, not a workspace of benches/ (which has a package.json).
  touch "$dir/yarn.lock"
  (cd "$dir" && COREPACK_NPM_REGISTRY=https://registry.npmjs.org YARN_NPM_REGISTRY_SERVER=https://registry.npmjs.org \
    corepack yarn install --mode=skip-build >"$out/$name.install.log" 2>&1) ||
    { echo "$name: yarn install failed, see $out/$name.install.log" >&2; exit 1; }
  echo "$name: prepared at $commit ($dir)" >&2
done
