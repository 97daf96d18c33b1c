import { helper } from './helper';

const table = new Map<string, number>();

export function total(values: number[]) {
  return values.reduce((sum, value) => sum + value, 0);
}

export class Cache {
  #entries = new Map<string, string>();

  get size() {
    return this.#entries.size;
  }

  keys() {
    return [...this.#entries.keys()];
  }
}

export const lookup = table.size > 0 && String.raw`${helper}`;

export function makeBox<T = string>(value?: T): { value: T | undefined } {
  return { value };
}
export const box = makeBox('x');
export const typedBox = makeBox<number>(1);

// Generic functions and classes of a dependency, called without type arguments: tsc infers them.
import { wrap, unwrap, plain, Holder } from 'generic-lib';
export const wrapped = wrap(1);
// `unwrap(Promise.resolve(1))` is inferred through a conditional type over the argument's type; an
// argument whose type plugbuild cannot write (an immediately called arrow) leaves it to the warning.
export const unwrapped = unwrap((() => Promise.resolve(1))());
export const unwrappedDirect = unwrap(Promise.resolve(1));
export const doubled = plain(1);
export const held = new Holder('x');

// An object returned with a member whose value the emitter cannot type: that member is `any`
// (with the warning), never left without a type (an implicit-any error in a strict consumer).
export function summary(values: number[]) {
  const first = [(): number => values[0]];
  return { first: first[0](), count: values.length };
}

// The same through an arrow (a name destructured with a default is not typed): the members without a type sit in the variable's type.
export const summaryOf = (values: number[]) => {
  const [head = 0] = values;
  return { head, count: values.length };
};
