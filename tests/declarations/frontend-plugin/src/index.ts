export {
  acmePlugin,
  rootRouteRef,
  entityRouteRef,
  AcmePage,
  AcmeCard,
  SyncCard,
  LazyPanel,
  LazyPage,
  loadPage,
} from './plugin';
export { useWidgets, useGadgets } from './hooks';
export type { Widget, Gadget } from './hooks';
