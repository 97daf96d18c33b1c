import type { Maybe } from './types';

type Finisher = (value: string) => number;

/** Only its type is exported (`export type { Builder }`): its members still need `Maybe` and `Finisher`. */
class Builder<T> {
  constructor(private readonly value: T) {}
  wrap(): Maybe<T> {
    return this.value;
  }
  finish<F extends Finisher>(finisher: F): ReturnType<F> {
    return finisher(String(this.value)) as ReturnType<F>;
  }
}

export function makeBuilder(value: number): Builder<number> {
  return new Builder(value);
}

export type { Builder };

/** @internal */
const brand = 'brand' as 'brand' & { __tag: 'brand' };

/** A key whose type is not a literal cannot name a property in a declaration: tsc leaves it out. */
export type Branded<T> = (() => T) & { [brand]: true };

export function brandIt<T>(value: T): Branded<T> {
  return Object.assign(() => value, { [brand]: true as const });
}
