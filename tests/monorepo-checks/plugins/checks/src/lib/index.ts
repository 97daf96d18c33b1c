export * from './a';
export const two = 2;
export * from './box';
