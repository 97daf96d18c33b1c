import express from 'express';
import { TodoFilter } from '@internal/todo-common';
import { TodoStore } from './TodoStore';

export interface RouterOptions {
  store?: TodoStore;
}

export async function createRouter(options: RouterOptions = {}): Promise<express.Router> {
  const store = options.store ?? new TodoStore();
  const router = express.Router();
  router.get('/todos', (_req, res) => {
    res.json(store.list(TodoFilter.Open));
  });
  return router;
}
