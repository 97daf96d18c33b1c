import { LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express';
import { TodoListService } from './services/TodoListService';

export async function createRouter(options: { logger: LoggerService; todoList: TodoListService }) {
  const router = Router.Router();
  router.use(express.json());
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/todos', async (_req, res) => {
    res.json(await options.todoList.list());
  });
  options.logger.info('router ready');
  return router;
}
