export const name = 'café';
