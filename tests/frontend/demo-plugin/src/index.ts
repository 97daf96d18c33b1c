export * from './components';
export { loadLazyPanel } from './lazy';
export { greeting } from './greeting';
export type { PanelOptions } from './types';
export const demoName: string = 'demo';
