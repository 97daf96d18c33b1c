"""Prepares a checkout of a Backstage plugin monorepo for the fidelity measurements with its
dependencies installed from the npm registry alone:
  python3 benches/prepare-corpus.py <checkout> && rm -rf <checkout>/packages
  cd <checkout> && COREPACK_NPM_REGISTRY=https://registry.npmjs.org YARN_NPM_REGISTRY_SERVER=https://registry.npmjs.org corepack yarn install --mode=skip-build
then `node benches/fidelity.cjs <plugbuild> <checkout>/plugins/*/` and `node benches/api-reports.cjs`.
Workspaces become plugins/* and packages/* (benches/prepare-real.sh removes the app's packages, the
fidelity runs all of packages/); `backstage:^` ranges (resolved by Backstage's yarn plugin, which
downloads a release manifest from versions.backstage.io) become `*`, exact versions become `^` ranges; build-only devDependencies
go; the lock file and yarn plugins are dropped, since a registry mirror may lack locked versions.
The install then resolves the newest versions the ranges allow."""
import json, os, re, sys
root = sys.argv[1]
DROP = {'@backstage/cli', '@backstage/e2e-test-utils', '@playwright/test', '@spotify/portal-cli',
        '@backstage/repo-tools', 'msw', '@testing-library/jest-dom', '@testing-library/react',
        '@testing-library/user-event', 'supertest', '@backstage/dev-utils', '@backstage/test-utils',
        '@backstage/backend-test-utils', '@backstage/frontend-test-utils', 'jest', 'cypress'}
for dirpath, dirs, files in (entry for top in ('plugins', 'packages') for entry in os.walk(os.path.join(root, top))):
    dirs[:] = [d for d in dirs if d not in ('node_modules', '.git')]
    if 'package.json' in files:
        p = os.path.join(dirpath, 'package.json')
        m = json.load(open(p))
        for key in ('dependencies', 'devDependencies', 'peerDependencies'):
            deps = m.get(key) or {}
            for name in list(deps):
                if key == 'devDependencies' and name in DROP:
                    del deps[name]
                elif deps[name].startswith('backstage:') or name.startswith('@backstage-community/'):
                    # Community plugins' old 0.x releases are often gone from registry mirrors.
                    deps[name] = '*'
                elif re.fullmatch(r'\d+\.\d+\.\d+', deps[name]):
                    # An exact version may have been unpublished (@rjsf/material-ui 5.20.1).
                    deps[name] = '^' + deps[name]
        json.dump(m, open(p, 'w'), indent=2)
rootpkg = os.path.join(root, 'package.json')
m = json.load(open(rootpkg))
m['workspaces'] = ['plugins/*', 'plugins/*/*', 'packages/*']
m.pop('devDependencies', None); m.pop('dependencies', None); m.pop('resolutions', None)
json.dump(m, open(rootpkg, 'w'), indent=2)
for f in ('yarn.lock',):
    if os.path.exists(os.path.join(root, f)): os.remove(os.path.join(root, f))
rc = os.path.join(root, '.yarnrc.yml')
text = open(rc).read() if os.path.exists(rc) else ''
text = re.sub(r'plugins:\n(  .*\n|    .*\n)+', '', text)
text = re.sub(r'yarnPath:.*\n', '', text)
open(rc, 'w').write(text + '\nnodeLinker: node-modules\nenableImmutableInstalls: false\n')
