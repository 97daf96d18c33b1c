export {
  acmePlugin,
  rootRouteRef,
  AcmePage,
  AcmeCard,
  SyncCard,
  LazyPanel,
  LazyPage,
  loadPage,
} from './plugin';
export { useWidgets } from './hooks';
export type { Widget } from './hooks';
