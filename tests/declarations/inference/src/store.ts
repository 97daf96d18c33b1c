export type Mode = 'fast' | 'slow';

export class Store<T = string> {
  private values: T[] = [];
  constructor(readonly name: string, readonly initial?: T) {}
  add(value: T): this {
    this.values.push(value);
    return this;
  }
  all(): T[] {
    return [...this.values];
  }
}

export function makeStore<T = string>(name: string, initial?: T): Store<T> {
  return new Store<T>(name, initial);
}

export const defaults = { level: 2, mode: 'fast' as Mode };
