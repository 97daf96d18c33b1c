import express from 'express';
import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';

export interface RouterOptions {
  logger: LoggerService;
  scheduler: SchedulerService;
}

export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const router = express.Router();
  options.logger.info('router created');
  return router;
}

// tsc reads the local function's written return type; awaiting a type it cannot resolve gives
// that type back.
export async function createRouterFromConfig(options: RouterOptions) {
  return createRouter(options);
}

// A call of a member of a type whose package is not installed is `any`, through the local
// interface that names it, and `any` absorbs the rest of the union: `Promise<any>`.
export async function scheduleCleanup(options: RouterOptions, enabled: boolean) {
  if (!enabled) {
    return Promise.resolve();
  }
  return options.scheduler.scheduleTask({ id: 'cleanup', fn: async () => {} });
}
