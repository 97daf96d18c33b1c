// A string constant: tsc prints its initializer from the value, in double quotes.
export const COMPONENT_ANNOTATION = 'acme.io/component';
// Conversions through the global String, Number and Boolean are their primitive types.
export const isSet = (value: unknown) => Boolean(value);
export function label(count: number) {
  return String(count);
}
