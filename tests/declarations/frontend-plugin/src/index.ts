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
  ColorFieldExtension,
} from './plugin';
export { useWidgets, useGadgets, useTeamReport, useTeamNames, useTeamSize } from './hooks';
export { Layout } from './components/Layout';
export type { Widget, Gadget } from './hooks';
export { greetingApi, acmeAlphaPage, editRouteRef, acmeAlphaPlugin, catalogAlphaPlugin } from './alpha';
