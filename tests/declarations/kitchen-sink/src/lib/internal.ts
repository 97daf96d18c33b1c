export function visible(): string {
  return hidden();
}

/**
 * Not part of the public API.
 *
 * @internal
 */
export function internalHelper(): number {
  return 1;
}

export function hidden(): string {
  return 'hidden';
}
