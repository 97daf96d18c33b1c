import { ApiBlueprint, PageBlueprint, createFrontendPlugin, createRouteRef } from '@acme/frontend-api';

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
