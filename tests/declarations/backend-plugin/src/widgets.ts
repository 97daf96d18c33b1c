// Calls of a package's functions that leave nothing to infer: their declarations name the return
// type as tsc does, through the package (`import("@acme/widgets").Options`) or the package the
// dependency imports it from (`import("@acme/widget-core").Widget`).
import { makeWidget, makeGadget, makeOptions, makeBox, makePermission } from '@acme/widgets';
import { Widget, Sprocket } from '@acme/widget-core';

export const widget = makeWidget('w');
export const gadget = makeGadget();
export const options = makeOptions();
export const box = makeBox<number>(1);
// The overload whose parameter the object literal fits: no resourceType, so the basic one.
export const readPermission = makePermission({ name: 'read' });
// With resourceType, the generic overload: its type argument is the literal the property gives
// (tsc writes `ResourcePermission<"gadget">`).
export const deletePermission = makePermission({ name: 'delete', resourceType: 'gadget' });
// An async function returning a package's interface that has no `then`: Promise<Widget>, not
// Promise<Awaited<Widget>>.
export async function loadWidget(widget: Widget) {
  return widget;
}
export async function loadSprocket(sprocket: Sprocket) {
  return sprocket;
}
