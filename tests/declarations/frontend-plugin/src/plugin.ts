import React, { lazy } from 'react';
import {
  createFieldExtension,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
} from '@acme/plugin-api';
import { Card } from './components/Card';
import { ColorField } from './components/ColorField';

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

// A field extension whose component another module types, with a validation callback whose
// parameters the signature types: the extension's type arguments come from the component's type,
// left to the consumer's checker (the callback gives none, as in tsc's first inference pass).
export const ColorFieldExtension = acmePlugin.provide(
  createFieldExtension({
    name: 'ColorField',
    component: ColorField,
    validation: (value, errors) => {
      if (!value) {
        errors.add('a color is required');
      }
    },
  }),
);
