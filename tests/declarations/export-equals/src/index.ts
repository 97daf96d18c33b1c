import { scale, Options } from './helper';

/** Adds two numbers, scaled. */
function calc(a: number, b: number, options?: Options): number {
  return scale(a + b, options);
}

namespace calc {
  export const version = '1.0';
  export type Settings = Options;
}

export = calc;
