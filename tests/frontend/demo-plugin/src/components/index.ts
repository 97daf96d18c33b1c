export { DemoCard } from './DemoCard';
export type { DemoCardProps } from './DemoCard';
export { LazyPanelTitle } from './LazyPanelTitle';
