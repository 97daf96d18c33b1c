// Function bodies that `plugbuild tsc` may skip (the declaration cannot depend on them) next to
// ones it must read (a return type inferred from them).
import { readFileSync } from 'node:fs';
import type { Entity } from './classes';

/** Written return type: the body (with its own types and imports) is not read. */
export function load(path: string): string[] {
  type Line = { text: string };
  const lines: Line[] = readFileSync(path, 'utf8')
    .split('\n')
    .map(text => ({ text }));
  return lines.map(line => line.text);
}

/** No return type: it is inferred from the body, nested annotated functions aside. */
export function summarize(items: Entity[]) {
  const describe = (item: Entity): string => `#${item.id}`;
  function count(): number {
    return items.length;
  }
  const text = count() > 0 ? describe(items[0]) : '';
  return { items, label: 'summary', length: text.length > 0 };
}

export const double = (value: number): number => value * 2;
export const triple = (value: number) => value * 3;
export const later = async (value: number): Promise<number> => {
  await Promise.resolve();
  return value;
};

export function pick(value: string): string;
export function pick(value: number): number;
export function pick(value: string | number): string | number {
  return value;
}

export class Ledger {
  #entries: number[] = [];
  private total = 0;

  constructor(
    public readonly owner: string,
    private readonly limit = 10,
  ) {
    this.#entries.push(limit);
  }

  private audit(): boolean {
    return this.total <= this.limit;
  }

  #rebalance(): void {
    this.total = this.#entries.reduce((a, b) => a + b, 0);
  }

  set budget(value: number) {
    this.total = value;
    this.#rebalance();
  }

  record(amount: number): this {
    this.#entries.push(amount);
    this.audit();
    return this;
  }

  latest() {
    this.#rebalance();
    return this.total > 0;
  }

  static open(owner: string): Ledger {
    return new Ledger(owner);
  }
}

export const api = {
  fetch(id: number): Promise<Entity> {
    return Promise.resolve({ id });
  },
  count() {
    return 1;
  },
};

/** Braces in strings, templates, comments and regular expressions do not end a skipped body. */
export function quote(value: string): string {
  const open = '{' + "}" + `${JSON.stringify({ value: '}' })}`; // } {
  /* { */
  return open.replace(/[{}]/g, '') + value.split(/\}/).join('');
}

/** An object literal's setter: its body is not read either. */
export const settings = {
  level: 1,
  set verbose(on: boolean) {
    this.level = on ? 2 : 1;
  },
  get verbose() {
    return this.level > 1;
  },
};

/** Read after the skipped bodies above: a misplaced body end would change this type. */
export function after(flag: boolean) {
  return { flag, label: 'after' as const, count: 1 };
}
