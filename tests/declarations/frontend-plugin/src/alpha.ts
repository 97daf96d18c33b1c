import { ApiBlueprint, PageBlueprint, createFrontendPlugin, createRouteRef } from '@acme/frontend-api';
import { EntityPageBlueprint } from '@acme/catalog-react';

/** A blueprint's extension: its name is the literal given. */
export const greetingApi = ApiBlueprint.make({
  name: 'greeting',
  params: defineParams =>
    defineParams({
      api: 'greeting',
      factory: () => ({ greet: (who: string) => `hello ${who}` }),
    }),
});

/** One without a name. */
export const acmeAlphaPage = PageBlueprint.make({
  params: { path: '/acme', title: 'Acme' },
});

/** The route's parameters keep the order they are given in. */
export const editRouteRef = createRouteRef({ params: ['namespace', 'kind', 'name'] });

/** The plugin's extensions, by id; no routes given. */
export const acmeAlphaPlugin = createFrontendPlugin({
  pluginId: 'acme',
  extensions: [greetingApi, acmeAlphaPage],
});

/**
 * Extensions made with a dependency's own copy of the API: tsc rejects them as the plugin's
 * extensions (the copies' types differ) and the plugin's extension map is the constraint's, `{}`.
 */
export const catalogAlphaPlugin = createFrontendPlugin({
  pluginId: 'catalog-extras',
  extensions: [EntityPageBlueprint.make({ name: 'overview', params: { path: '/overview' } })],
});
