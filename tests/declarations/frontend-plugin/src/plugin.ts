import React, { lazy } from 'react';
import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
} from '@acme/plugin-api';
import { Card } from './components/Card';

export const rootRouteRef = createRouteRef({ id: 'acme' });

export const entityRouteRef = createRouteRef({
  id: 'acme-entity',
  params: ['namespace', 'name'],
});

export const acmePlugin = createPlugin({ id: 'acme' });

// Lazy components: their types come from the modules the dynamic imports load.
export const AcmePage = acmePlugin.provide(
  createRoutableExtension({
    name: 'AcmePage',
    component: () => import('./components').then(m => m.Page),
    mountPoint: rootRouteRef,
  }),
);

export const AcmeCard = acmePlugin.provide(
  createComponentExtension({
    name: 'AcmeCard',
    component: {
      lazy: () => import('./components/Card').then(({ Card }) => Card),
    },
  }),
);

export const SyncCard = acmePlugin.provide(
  createComponentExtension({ component: { sync: Card } }),
);

export const LazyPanel = lazy(() => import('./components/Card'));

export const LazyPage = React.lazy(() =>
  import('./components/Page').then(m => ({ default: m.Page })),
);

export const loadPage = () => import('./components/Page');
