import { createExtensionPoint } from '@backstage/backend-plugin-api';

/** Lets modules add todo items when the plugin starts. */
export interface TodoExtensionPoint {
  addTitle(title: string): void;
}

export const todoExtensionPoint = createExtensionPoint<TodoExtensionPoint>({
  id: 'todo.titles',
});
