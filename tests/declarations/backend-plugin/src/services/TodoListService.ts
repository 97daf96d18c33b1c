import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  LoggerService,
} from '@backstage/backend-plugin-api';

export interface TodoItem {
  id: string;
  title: string;
  done: boolean;
}

export interface TodoListService {
  list(): Promise<TodoItem[]>;
  add(title: string): Promise<TodoItem>;
}

/** Keeps todo items in memory. */
export class InMemoryTodoListService implements TodoListService {
  readonly #items = new Map<string, TodoItem>();
  private nextId = 1;

  constructor(private readonly logger: LoggerService) {}

  async list(): Promise<TodoItem[]> {
    return [...this.#items.values()];
  }

  async add(title: string) {
    const item = { id: String(this.nextId++), title, done: false };
    this.#items.set(item.id, item);
    this.logger.info(`added ${item.id}`);
    return item;
  }

  get size(): number {
    return this.#items.size;
  }
}

export const todoListServiceRef = createServiceRef<TodoListService>({
  id: 'todo.list',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { logger: coreServices.logger },
      factory: ({ logger }) => new InMemoryTodoListService(logger),
    }),
});
