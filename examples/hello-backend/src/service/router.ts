import express, { NextFunction, Request, Response } from 'express';
import { GreetingService, InvalidNameError } from './GreetingService';
import { GreetingStyle, Logger, consoleLogger } from './types';

export interface RouterOptions {
  logger?: Logger;
  defaultStyle?: GreetingStyle;
}

/** Builds the plugin's express router, mounted by the backend at `/api/hello`. */
export async function createRouter(options: RouterOptions = {}): Promise<express.Router> {
  const logger = options.logger ?? consoleLogger;
  const greetings = new GreetingService(logger, options.defaultStyle);

  const router = express.Router();
  router.use(express.json());

  router.get('/health', (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });

  router.get('/greet/:name', (req: Request, res: Response) => {
    const style = req.query.style;
    if (style !== undefined && !GreetingService.isStyle(style)) {
      res.status(400).json({ error: `unknown style ${String(style)}` });
      return;
    }
    res.json(greetings.greet(req.params.name, style));
  });

  router.get('/stats', (_req: Request, res: Response) => {
    res.json({ greeted: greetings.count });
  });

  router.get('/fail', (_req: Request, _res: Response) => {
    throw new Error('the /fail route always fails');
  });

  router.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
    const status = error instanceof InvalidNameError ? 400 : 500;
    logger.error(error.message);
    res.status(status).json({ error: error.message, stack: error.stack });
  });

  return router;
}
