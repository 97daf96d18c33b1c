import { lazy, object } from 'zod';
import { box } from './lib';
import { total } from './index';

function wrap<T>(value: T): T[] {
  return [value];
}

function firstOf<T>(items: [T, T]): T {
  return items[0];
}

export const boxed = box((() => 1)()); // an argument whose type cannot be written: warned
export const wrapped = wrap('x');
export const shape = object({});
export const sum = total([1]);
// Its type parameter is what the callback returns: the arrow's own return type.
export const later = lazy(() => object({}));
// Its type parameter is inside a tuple type: warned.
export const first = firstOf([1, 2]);
