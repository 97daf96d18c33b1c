export { createRouter } from './service/router';
export type { RouterOptions } from './service/router';
export { TodoStore } from './service/TodoStore';
