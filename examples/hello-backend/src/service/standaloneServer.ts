import express from 'express';
import type { Server } from 'http';
import { createRouter } from './router';
import { Logger, consoleLogger } from './types';

export interface ServerOptions {
  port: number;
  logger?: Logger;
}

/** Serves the plugin on its own, the way `yarn start` did before the new backend system. */
export async function startStandaloneServer(options: ServerOptions): Promise<Server> {
  const logger = options.logger ?? consoleLogger;
  const app = express();
  app.use('/hello', await createRouter({ logger }));
  return new Promise(resolve => {
    const server = app.listen(options.port, () => {
      logger.info(`Listening on :${options.port}`);
      resolve(server);
    });
  });
}
