#!/usr/bin/env python3
"""Writes a Backstage-style monorepo for benchmarks: PACKAGES backend plugins of MODULES modules of
about LINES lines each under plugins/*, a root tsconfig that extends the (uninstalled) Backstage base
config for plugbuild, and tsconfig.tsc.json with that config's options written out for tsc and tsgo."""
import json
import os
import sys

from gen_plugin import write_plugin

out, packages, modules, lines = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "package.json"), "w") as f:
    json.dump({"name": "bench-monorepo", "private": True, "workspaces": ["plugins/*"]}, f, indent=2)
with open(os.path.join(out, "tsconfig.json"), "w") as f:
    json.dump({"extends": "@backstage/cli/config/tsconfig.json", "include": ["plugins/*/src"],
               "compilerOptions": {"outDir": "dist-types", "rootDir": "."}}, f, indent=2)
with open(os.path.join(out, "tsconfig.tsc.json"), "w") as f:
    json.dump({"include": ["plugins/*/src"], "compilerOptions": {
        "target": "ES2022", "module": "ES2020", "moduleResolution": "bundler", "strict": True,
        "esModuleInterop": True, "skipLibCheck": True, "declaration": True, "emitDeclarationOnly": True,
        "resolveJsonModule": True, "isolatedModules": True, "stripInternal": True, "types": [],
        "outDir": "tsc-types", "rootDir": "."}}, f, indent=2)
for p in range(packages):
    write_plugin(os.path.join(out, "plugins", f"plugin-{p}"), modules, lines, f"@bench/plugin-{p}-backend")
