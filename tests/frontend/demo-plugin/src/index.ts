export { DemoCard } from './components/DemoCard';
export type { DemoCardProps } from './components/DemoCard';
export { loadLazyPanel } from './lazy';
export { greeting } from './greeting';
export const demoName: string = 'demo';
