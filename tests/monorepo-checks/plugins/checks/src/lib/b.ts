export const shared = 'b';
