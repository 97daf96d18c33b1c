export interface Options {
  factor: number;
}
export function scale(value: number, options?: Options): number {
  return value * (options?.factor ?? 1);
}
