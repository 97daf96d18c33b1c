export const one = 1;
export const shared = 'a';
