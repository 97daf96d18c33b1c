/** Part of the package's API. */
export function publicHelper(): string {
  return 'public';
}

/**
 * Only for the package's own tests.
 * @internal
 */
export function internalHelper(): string {
  return 'internal';
}
