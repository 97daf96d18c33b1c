import todoPlugin, {
  InMemoryTodoListService,
  TodoItem,
  TodoListService,
  createRouter,
  todoExtensionPoint,
  todoListServiceRef,
} from './dist/index';
import type { BackendFeature, ExtensionPoint, ServiceRef } from '@backstage/backend-plugin-api';
import type { Router } from 'express';

const feature: BackendFeature = todoPlugin;
// @ts-expect-error the plugin is a BackendFeature, not a string
const notAString: string = todoPlugin;

const ref: ServiceRef<TodoListService, 'plugin', 'singleton'> = todoListServiceRef;
// @ts-expect-error the service ref is plugin scoped, not root scoped
const rootRef: ServiceRef<TodoListService, 'root', 'singleton'> = todoListServiceRef;

const point: ExtensionPoint<{ addTitle(title: string): void }> = todoExtensionPoint;
// @ts-expect-error addTitle takes a string
todoExtensionPoint.T.addTitle(42);

async function use(service: TodoListService) {
  const items: TodoItem[] = await service.list();
  // @ts-expect-error done is a boolean
  const done: string = items[0].done;
  const router: Router = await createRouter({ logger: null!, todoList: service });
  // @ts-expect-error createRouter needs its options
  await createRouter();
  return { items, done, router };
}

declare const memory: InMemoryTodoListService;
const size: number = memory.size;
// @ts-expect-error list resolves to TodoItem[], not a number
const listed: Promise<number> = memory.list();
// @ts-expect-error nextId is private
memory.nextId;

export { feature, notAString, ref, rootRef, point, use, size, listed };
import { widget, gadget, options, box } from './dist/index';
import type { Widget, Gadget } from '@acme/widget-core';
const readWidget: Widget = widget;
const gadgetValue: string = gadget.value;
// @ts-expect-error the gadget holds strings
const gadgetValueWrong: number = gadget.value;
const retries: number = options.retries;
const source: 'widgets' = options.source;
// @ts-expect-error the source is the literal 'widgets'
const sourceWrong: 'other' = options.source;
const boxed: number = box.value;
// @ts-expect-error the explicit type argument is kept
const boxedWrong: string = box.value;
const unusedGadget: Gadget<string> = gadget;
export { readWidget, gadgetValue, gadgetValueWrong, retries, source, sourceWrong, boxed, boxedWrong, unusedGadget };
import { readPermission } from './dist/index';
const permissionType: 'basic' = readPermission.type;
// @ts-expect-error the object literal fits the basic overload, not the resource one
const permissionResource: string = readPermission.resourceType;
export { permissionType, permissionResource };
import { writePermission, deletePermission } from './dist/index';
const writeResource: 'widget' = writePermission.resourceType;
// @ts-expect-error the resource type is the literal the constant holds
const writeResourceWrong: 'gadget' = writePermission.resourceType;
const deleteResource: 'gadget' = deletePermission.resourceType;
// @ts-expect-error the resource type is the literal written in the call
const deleteResourceWrong: 'widget' = deletePermission.resourceType;
export { writeResource, writeResourceWrong, deleteResource, deleteResourceWrong };
import { loadWidget } from './dist/index';
async function useWidget(): Promise<string> {
  const loaded = await loadWidget({ name: 'w' });
  return loaded.name;
}
export { useWidget };
import { plainRouteRef, frontendRouteRef } from './dist/index';
const plainParams: undefined = plainRouteRef.params;
// @ts-expect-error a route reference made without parameters has none
const plainParamsWrong: { [x: string]: string } = plainRouteRef.params;
const frontendParams: undefined = frontendRouteRef.params;
// @ts-expect-error a route reference made without parameters has none
const frontendParamsWrong: { [x: string]: string } = frontendRouteRef.params;
export { plainParams, plainParamsWrong, frontendParams, frontendParamsWrong };
