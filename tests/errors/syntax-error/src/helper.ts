export const helper = (s: string) => s.length;
