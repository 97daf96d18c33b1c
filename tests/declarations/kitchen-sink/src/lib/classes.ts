export interface Entity {
  id: number;
}

/** Stores entities by id. */
export class Repository<T extends Entity, K extends keyof T = keyof T> {
  [key: symbol]: unknown;
  protected readonly items = new Map<number, T>();
  #secret = 1;
  private cache: T[] = [];
  static instances = 0;

  constructor(public readonly name: string, protected indexBy?: K) {
    Repository.instances++;
  }

  add(item: T): this {
    this.items.set(item.id, item);
    return this;
  }

  get(id: number): T | undefined {
    return this.items.get(id);
  }

  get size(): number {
    return this.items.size;
  }

  set label(value: string) {
    this.cache = [];
  }

  protected touch(): void {
    this.#secret++;
  }
}

export abstract class BaseService<TConfig> {
  abstract readonly name: string;
  constructor(protected config: TConfig) {}
  abstract start(): Promise<void>;
  describe(): string {
    return `${this.name}`;
  }
}

export class Counter {
  accessor count = 0;
  constructor(public step: number) {}
  increment(): number {
    this.count += this.step;
    return this.count;
  }
}
