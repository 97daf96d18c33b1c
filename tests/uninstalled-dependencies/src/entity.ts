import { Entity } from '@backstage/catalog-model';
import { useAsyncEntity, useEntity } from '@backstage/plugin-catalog-react';

// A value asserted to a type whose package is missing is of an error type: its members, optional
// chains through them, `||` and calls on them are all `any`.
export function sourceLocation(value: unknown) {
  const annotation =
    (value as Entity).metadata?.annotations?.['backstage.io/source-location'] || '';
  const url = annotation.startsWith('url:') ? annotation.substring(4) : undefined;
  return { url, name: (value as Entity).metadata.name, trimmed: url?.trim() };
}

// Spreading `any` makes the whole object `any`.
export const useEntityWithKind = () => {
  const { entity } = useEntity();
  return { ...entity, kind: 'Component' };
};

// A call of a local that is `any` (destructured from a missing package's hook) is `any`.
export function useReloadableEntity() {
  const { entity, refresh } = useAsyncEntity();
  return { entity, reload: (_force: boolean = false) => refresh(), refresh };
}
