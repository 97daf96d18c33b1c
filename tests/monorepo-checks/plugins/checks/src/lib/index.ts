export * from './a';
export const two = 2;
