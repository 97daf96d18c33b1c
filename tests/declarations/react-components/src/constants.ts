// A string constant: tsc prints its initializer from the value, in double quotes.
export const COMPONENT_ANNOTATION = 'acme.io/component';
