// Calls whose type arguments come from a constant or from the declarations alone. Their
// declarations are the helper over an instantiation, or name the constant: they mean what tsc's
// say, written differently (the rest of the fixture's per-file declarations are tsc's, byte for
// byte).
import { makePermission, makeRouteRef, makeFrontendRouteRef } from '@acme/widgets';

// The type argument is the literal type of the constant the property holds.
const WIDGET_RESOURCE = 'widget';
export const writePermission = makePermission({ name: 'write', resourceType: WIDGET_RESOURCE });
// Type parameters no argument gives take their defaults, or their constraints with the defaults
// substituted: `Params` is `{ [param in never]: string }`, so the route has no parameters
// (Backstage's createRouteRef; tsc writes `RouteRef<undefined>`).
export const plainRouteRef = makeRouteRef({ id: 'plain' });
export const frontendRouteRef = makeFrontendRouteRef();
