// A dependency built against its own (nested, newer) copy of @acme/frontend-api, as
// @backstage/plugin-catalog-react often is: its extensions' types come from that copy.
import { PageBlueprint } from '@acme/frontend-api';

declare const EntityPageBlueprint: typeof PageBlueprint;

export { EntityPageBlueprint };
