import { z as zz, z } from 'zod';
import { choose, option } from 'action-kit';

/** The import is `z` in the roll-up (index.ts imports it so): the parameter must not shadow it. */
export const schemaOf = (z: typeof zz) => z.object({ id: z.string() });

/** A string that may be null in the input, read as undefined. */
export const nullishText = z.coerce
  .string()
  .optional()
  .catch(ctx => {
    if (ctx.input === null) return undefined;
    throw ctx.error;
  });

/** Builder methods of generic classes, on schemas whose type arguments a call inferred. */
export const looseEntry = z.object({ name: z.string(), note: nullishText }).passthrough();
export const strictEntry = z.object({ name: z.string() }).strict();
/** `z.record` with a key schema: the second overload, not a value schema and its options. */
export const counts = z.record(z.string(), z.number());
export const entries = z.record(z.string(), looseEntry);
export const nameOrEntry = z.string().or(strictEntry);
export type LooseEntry = z.infer<typeof looseEntry>;

/** The overload whose second parameter is a message; the options are an array of both kinds. */
export const modes = choose([option('manual'), option('auto')], 'mode must be manual or auto');
