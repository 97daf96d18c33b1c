export * from './lib/enums';
export * as shapes from './lib/shapes';
export { Repository, type Entity, BaseService, Counter } from './lib/classes';
export { parse, Geometry, greet } from './lib/functions';
export { type Options as ClientOptions, type Handler } from './lib/client';
export { type Options as ServerOptions } from './lib/server';
export type { Paginated, Maybe, DeepReadonly } from './lib/types';
export { default as DefaultClass } from './lib/default-class';
export { default as defaultFunction } from './lib/default-function';
export { default as defaultValue } from './lib/default-value';
export { visible, internalHelper } from './lib/internal';
export { augmented } from './lib/augment';
import { Counter } from './lib/classes';

/** The entry's own default export. */
export default class Kitchen {
  readonly counter = new Counter(1);
  static create(): Kitchen {
    return new Kitchen();
  }
}
export { type Builder, makeBuilder, type Branded, brandIt } from './lib/builder';
export { load, summarize, double, triple, later, pick, Ledger, api, after } from './lib/bodies';
export { config as jsonConfig, limits, features, firstRow, mixed, settings } from './lib/json-config';
export { MethodsApi } from './lib/api-methods';
