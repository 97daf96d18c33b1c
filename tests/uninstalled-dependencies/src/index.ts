export { Badge, Title, Empty } from './Badge';
export { createRouter, createRouterFromConfig, scheduleCleanup } from './router';
export type { RouterOptions } from './router';

export function coerceFilter(filter: string | string[] | undefined) {
  if (typeof filter === 'string') {
    return [filter];
  }
  return filter;
}
export { authenticator, authModule, strategy, namespacedStrategy, verified } from './auth';
export { sourceLocation, useEntityWithKind, useReloadableEntity } from './entity';
