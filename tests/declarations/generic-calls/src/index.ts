import { createAction, tag, box, pick, field, makeFieldSchema } from 'action-kit';
import { z } from 'zod';
import type { ActionContext } from './compat';

/** Callbacks per input, zod's generic builders inside, an output schema. */
export function createGreetAction() {
  return createAction({
    id: 'acme:greet',
    description: 'Greets someone',
    schema: {
      input: {
        name: z => z.string().describe('Who to greet'),
        times: z => z.number().int().min(1).optional(),
        mode: z => z.enum(['loud', 'quiet']).default('quiet'),
        tags: z => z.array(z.string()).describe('Labels'),
        extra: z => z.record(z.union([z.string(), z.number()])).optional(),
        kind: z => z.literal('greeting'),
        label: z => z.string({ description: 'A label' }),
        meta: z => z.record(z.unknown(), { description: 'Free-form' }).optional(),
        target: z =>
          z.object({ host: z.string(), port: z.number().optional() }),
      },
      output: {
        greeting: z => z.string(),
      },
    },
    async handler(ctx) {
      ctx.output('greeting', `hello ${ctx.input.name}`);
    },
  });
}

/** One callback for the whole input; no output schema (its type parameter gets the constraint). */
export const pingAction = createAction({
  id: 'acme:ping',
  schema: {
    input: z => z.object({ host: z.string(), count: z.number().default(3) }),
  },
  async handler() {},
});

// zod's generic builders called directly.
export const shape = z.object({ a: z.string(), b: z.literal(3).optional() });
export const choice = z.enum(['a', 'b']);
export const pair = z.tuple([z.string(), z.boolean()]);
export const either = z.union([z.literal('on'), z.literal('off')]);

/** A parameter annotated with the type of an import. */
export const options = (zod: typeof z) => zod.object({ verbose: zod.boolean() });

// Literal types, kept or widened as tsc infers them.
export const tagged = tag('x');
export const boxed = box('x');
export const picked = pick('x');
export const fielded = field({ value: 'x' });

/** A type a local module re-exports from a dependency with `export *`. */
export interface Step {
  context: ActionContext<{ name: string }, { done: boolean }>;
}
export { schemaOf, nullishText, looseEntry, strictEntry, counts, entries, nameOrEntry, modes } from './schemas';
export type { LooseEntry } from './schemas';

// The package's own generic functions, in this module.
function identity<T>(value: T): T {
  return value;
}
function repeat<T>(value: T, times: number = 2): T[] {
  return Array.from({ length: times }, () => value);
}
export const same = identity('x');
export const repeated = repeat(1);

/** Schema callbacks whose parameter the signature types; the returns give the type arguments. */
export const ownerFieldSchema = makeFieldSchema({
  output: z => z.string(),
  uiOptions: z => z.object({ allowArbitraryValues: z.boolean().optional() }),
});

export { docRef, hasTag, isDoc, docRules, docConditions, decideDoc } from './rules';
export { noteExports } from './notes';
