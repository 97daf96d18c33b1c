import { lazy, object } from 'zod';
import { box } from './lib';
import { total } from './index';

function wrap<T>(value: T): T[] {
  return [value];
}

export const boxed = box(1);
export const wrapped = wrap('x');
export const shape = object({});
export const sum = total([1]);
// Its type parameter is what the callback returns: not inferred without a checker.
export const later = lazy(() => object({}));
