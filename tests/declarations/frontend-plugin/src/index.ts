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
