import type { ComponentType } from 'react';

/** Loads the panel only when it is asked for: its module stays a separate file. */
export async function loadLazyPanel(): Promise<ComponentType> {
  const loaded = await import('./components/LazyPanel');
  return loaded.LazyPanel;
}
