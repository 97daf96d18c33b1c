import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { todoExtensionPoint } from './extensions';
import { createRouter } from './router';
import { todoListServiceRef } from './services/TodoListService';

/**
 * The todo plugin.
 *
 * @public
 */
export const todoPlugin = createBackendPlugin({
  pluginId: 'todo',
  register(env) {
    const extraTitles: string[] = [];
    env.registerExtensionPoint(todoExtensionPoint, {
      addTitle(title) {
        extraTitles.push(title);
      },
    });
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        todoList: todoListServiceRef,
      },
      async init({ logger, httpRouter, todoList }) {
        for (const title of extraTitles) {
          await todoList.add(title);
        }
        httpRouter.use(await createRouter({ logger, todoList }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
