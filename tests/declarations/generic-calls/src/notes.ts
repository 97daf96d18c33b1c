import { createRuleExports } from 'rule-kit';
import { docRef, docRules } from './rules';

// The ref and the rules come from another module: the call's type is left to the consumer's
// checker (a conditional type over the arguments' types). `TRules`'s constraint names the other
// type parameters, which an `infer`'s constraint cannot: they are `any` there.
export const noteExports = createRuleExports({ ref: docRef, rules: docRules });
