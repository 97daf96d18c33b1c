/**
 * The todo backend plugin, written for Backstage's new backend system.
 *
 * @packageDocumentation
 */
export { todoPlugin as default } from './plugin';
export { todoListServiceRef, InMemoryTodoListService } from './services/TodoListService';
export type { TodoItem, TodoListService } from './services/TodoListService';
export { todoExtensionPoint } from './extensions';
export type { TodoExtensionPoint } from './extensions';
export { createRouter } from './router';
export { widget, gadget, options, box, readPermission, deletePermission, loadWidget, loadSprocket } from './widgets';
export { writePermission, plainRouteRef, frontendRouteRef } from './references';
