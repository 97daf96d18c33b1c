import type { PanelOptions } from '../types';

/** The title the lazy panel shows. */
export function LazyPanelTitle(options: PanelOptions): string {
  return options.title.toUpperCase();
}
