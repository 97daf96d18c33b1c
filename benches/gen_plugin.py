#!/usr/bin/env python3
"""Writes a Backstage-style backend plugin for benchmarks: MODULES modules of about LINES lines each,
with routers, services, enums, classes, generics, re-exports and JSON. Deterministic."""
import json
import os
import sys



def write_plugin(out, modules, lines, name="@bench/plugin-generated-backend"):
    src = os.path.join(out, "src")
    _write(out, src, modules, lines, name)


def _write(out, src, modules, lines, name):
    os.makedirs(os.path.join(src, "modules"), exist_ok=True)

    with open(os.path.join(out, "package.json"), "w") as f:
        json.dump({
            "name": name,
            "version": "1.0.0",
            "main": "src/index.ts",
            "backstage": {"role": "backend-plugin"},
            "dependencies": {"express": "^4.21.2"},
        }, f, indent=2)
    with open(os.path.join(out, "tsconfig.json"), "w") as f:
        json.dump({"compilerOptions": {"target": "ES2022", "strict": True, "esModuleInterop": True,
                                       "resolveJsonModule": True, "skipLibCheck": True},
                   "include": ["src"]}, f, indent=2)
    with open(os.path.join(src, "settings.json"), "w") as f:
        json.dump({"name": "generated", "limits": {"items": 100, "depth": 4}}, f, indent=2)


    def block(k, i):
        return f"""
    export interface Item{i}Of{k} {{
      id: number;
      name: string;
      status: Status{k};
      tags?: string[];
    }}

    export function transform{i}_{k}<T extends Item{i}Of{k}>(items: T[], factor: number = {i + 1}): Array<T & {{ score: number }}> {{
      const result: Array<T & {{ score: number }}> = [];
      for (const item of items) {{
        const score = item.id * factor + item.name.length;
        if (item.status === Status{k}.Active && score > {i}) {{
          result.push({{ ...item, score }});
        }} else if (item.tags?.includes('keep')) {{
          result.push({{ ...item, score: score / 2 }});
        }}
      }}
      return result.sort((a, b) => b.score - a.score);
    }}

    export const handler{i}_{k} = async (req: Request, res: Response): Promise<void> => {{
      const limit = Number(req.query.limit ?? settings.limits.items);
      const items = await service.list(limit);
      res.json({{ items: transform{i}_{k}(items as Item{i}Of{k}[]), module: {k}, block: {i} }});
    }};
    """


    for k in range(modules):
        deps = [d for d in (k - 1, k // 2) if 0 <= d < k]
        imports = "".join(f"import {{ Service{d} }} from './m{d}';\n" for d in sorted(set(deps)))
        head = f"""import {{ Router, Request, Response }} from 'express';
    import settings from '../settings.json';
    {imports}
    export enum Status{k} {{
      Active = 'active',
      Inactive = 'inactive',
      Pending = 'pending',
    }}

    export class Service{k} {{
      private readonly cache = new Map<number, {{ id: number; name: string; status: Status{k} }}>();
      #calls = 0;

      constructor(private readonly prefix: string = 'svc{k}') {{}}

      async list(limit: number): Promise<Array<{{ id: number; name: string; status: Status{k} }}>> {{
        this.#calls++;
        const out = [];
        for (let i = 0; i < limit; i++) {{
          const cached = this.cache.get(i) ?? {{ id: i, name: `${{this.prefix}}-${{i}}`, status: Status{k}.Active }};
          this.cache.set(i, cached);
          out.push(cached);
        }}
        return out;
      }}

      get calls(): number {{
        return this.#calls;
      }}
    }}

    const service = new Service{k}();
    """
        body = []
        i = 0
        while len((head + "".join(body)).splitlines()) < lines - 12:
            body.append(block(k, i))
            i += 1
        tail = f"""
    export function createRouter{k}(): Router {{
      const router = Router();
    {''.join(f"  router.get('/m{k}/b{j}', handler{j}_{k});" + chr(10) for j in range(i))}  return router;
    }}
    """
        with open(os.path.join(src, "modules", f"m{k}.ts"), "w") as f:
            f.write(head + "".join(body) + tail)

    with open(os.path.join(src, "index.ts"), "w") as f:
        f.write("import { Router } from 'express';\n")
        for k in range(modules):
            f.write(f"import {{ createRouter{k} }} from './modules/m{k}';\n")
        f.write("\nexport function createRouter(): Router {\n  const router = Router();\n")
        for k in range(modules):
            f.write(f"  router.use(createRouter{k}());\n")
        f.write("  return router;\n}\n")
        for k in range(0, modules, 10):
            f.write(f"export * from './modules/m{k}';\n")


if __name__ == "__main__":
    write_plugin(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
