// A string constant: tsc prints its initializer from the value, in double quotes.
export const COMPONENT_ANNOTATION = 'acme.io/component';
// Conversions through the global String, Number and Boolean are their primitive types.
export const isSet = (value: unknown) => Boolean(value);
export function label(count: number) {
  return String(count);
}
// A use of a constant declared with a type is that type, as tsc prints it.
export interface Permission<T extends string> {
  kind: T;
}
export const readPermission: Permission<'read'> = { kind: 'read' };
export const writePermission: Permission<'write'> = { kind: 'write' };
export const allPermissions = [readPermission, writePermission];
export const DEFAULT_PERMISSION = readPermission;
export const asserted = 'read' as 'read' | 'write';
// An instance of a class without type parameters is typed by the class's name, as tsc writes it.
class Tally {
  count = 0;
}
export const tally = new Tally();
