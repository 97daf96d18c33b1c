import { z as zz } from 'zod';

/** The import is `z` in the roll-up (index.ts imports it so): the parameter must not shadow it. */
export const schemaOf = (z: typeof zz) => z.object({ id: z.string() });
