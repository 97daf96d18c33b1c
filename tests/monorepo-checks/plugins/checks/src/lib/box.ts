export function box<T>(value: T): { value: T } {
  return { value };
}
