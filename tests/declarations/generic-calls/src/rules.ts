import { z } from 'zod/v3';
import { z as zod } from 'zod';
import { createRule, createRuleRef, createRuleExports, makeCreateRule } from 'rule-kit';

export interface Doc {
  id: string;
  tags: string[];
}

/** Type arguments written on the call that makes the receiver, and inferred by the method. */
export const docRef = createRuleRef<Doc, { tag?: string }>().with({ owner: 'docs', kind: 'doc' });

/** A zod 3 schema: tsc takes the second overload, the params are the schema's output. */
export const hasTag = createRule({
  name: 'HAS_TAG',
  ref: docRef,
  paramsSchema: z.object({
    tag: z.string().describe('The tag'),
    exact: z.boolean().optional(),
    mode: z.enum(['any', 'all']).default('any'),
    limit: z.number().int().min(1).nullable(),
    names: z.array(z.string()),
  }),
  apply: (doc, { tag }) => doc.tags.includes(tag),
  toQuery: ({ tag }) => ({ tag }),
});

const createDocRule = makeCreateRule<Doc, { id?: string }, 'doc'>();

/** A function the module made with written type arguments, given a `zod` (3) schema. */
export const isDoc = createDocRule({
  name: 'IS_DOC',
  kind: 'doc',
  paramsSchema: zod.object({ id: zod.string(), ids: zod.string().array().optional() }),
  apply: (doc, params) => doc.id === params.id,
  toQuery: ({ id }) => ({ id }),
});

export const docRules = { hasTag };

/** Names a top-level `const` destructures. */
const { conditions, decide } = createRuleExports({ ref: docRef, rules: docRules });

export const docConditions = conditions;
export const decideDoc = decide;
