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
