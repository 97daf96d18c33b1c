import { createGreetAction, pingAction, shape, choice, pair, either, options, tagged, boxed, picked, fielded, Step, schemaOf, same, repeated, ownerFieldSchema } from './dist/index';
import { z } from 'zod';

type GreetInput = Parameters<ReturnType<typeof createGreetAction>['handler']>[0]['input'];
const greet: GreetInput = {
  name: 'Ada',
  times: undefined,
  mode: 'loud',
  tags: ['a'],
  extra: undefined,
  kind: 'greeting',
  target: { host: 'example.com' },
  label: 'l',
  meta: { any: 1 },
};
// @ts-expect-error the label is a string
const badLabel: GreetInput['label'] = 1;
// @ts-expect-error meta is a record (one schema and its options: the first overload)
const badMeta: GreetInput['meta'] = 'x';
// @ts-expect-error name is a string
const badName: GreetInput['name'] = 1;
// @ts-expect-error mode is 'loud' | 'quiet'
const badMode: GreetInput['mode'] = 'medium';
// @ts-expect-error kind is the literal 'greeting'
const badKind: GreetInput['kind'] = 'other';
// @ts-expect-error tags are strings
const badTags: GreetInput['tags'] = [1];
// @ts-expect-error target.port is a number
const badTarget: GreetInput['target'] = { host: 'h', port: 'x' };
const extra: GreetInput['extra'] = { a: 1, b: 'two' };
// @ts-expect-error extra values are strings or numbers
const badExtra: GreetInput['extra'] = { a: true };

type GreetOutput = Parameters<Parameters<ReturnType<typeof createGreetAction>['handler']>[0]['output']>[0];
const out: GreetOutput = 'greeting';
// @ts-expect-error the only output is greeting
const badOut: GreetOutput = 'farewell';

type PingInput = Parameters<typeof pingAction.handler>[0]['input'];
const ping: PingInput = { host: 'h', count: 1 };
// @ts-expect-error host is a string
const badPing: PingInput = { host: 1, count: 1 };

const s: z.infer<typeof shape> = { a: 'x', b: 3 };
// @ts-expect-error b is the literal 3
const badShape: z.infer<typeof shape> = { a: 'x', b: 4 };
// @ts-expect-error choice is 'a' | 'b'
const badChoice: z.infer<typeof choice> = 'c';
// @ts-expect-error the second element is a boolean
const badPair: z.infer<typeof pair> = ['a', 'b'];
// @ts-expect-error either is 'on' | 'off'
const badEither: z.infer<typeof either> = 'maybe';
// @ts-expect-error verbose is a boolean
const badOptions: z.infer<ReturnType<typeof options>> = { verbose: 'yes' };

// @ts-expect-error tagged is the literal 'x'
const badTagged: typeof tagged = 'y';
const boxedValue: typeof boxed = { value: 'anything' };
// @ts-expect-error picked keeps the literal
const badPicked: typeof picked = { value: 'y' };
const fieldedValue: typeof fielded = ['anything'];

declare const step: Step;
// @ts-expect-error the context's input name is a string
const badStep: number = step.context.input.name;

// @ts-expect-error id is a string
const badSchema: z.infer<ReturnType<typeof schemaOf>> = { id: 1 };

// @ts-expect-error same is the literal 'x'
const badSame: typeof same = 'y';
// @ts-expect-error repeated is number[]
const badRepeated: typeof repeated = ['a'];

export { badLabel, badMeta, badSame, badRepeated, badSchema, badStep, badTagged, boxedValue, badPicked, fieldedValue, greet, badName, badMode, badKind, badTags, badTarget, extra, badExtra, out, badOut, ping, badPing, s, badShape, badChoice, badPair, badEither, badOptions };
const ownerType: string = ownerFieldSchema.type;
// @ts-expect-error the field's value is a string
const ownerTypeNumber: number = ownerFieldSchema.type;
const allowArbitrary: boolean | undefined = ownerFieldSchema.uiOptions.allowArbitraryValues;
// @ts-expect-error the ui options have no such key
const ownerUiMissing = ownerFieldSchema.uiOptions.missing;
export { ownerType, ownerTypeNumber, allowArbitrary, ownerUiMissing };

import { docRef, hasTag, isDoc, docConditions, decideDoc } from './dist/index';
const docOwner: 'docs' = docRef.owner;
// @ts-expect-error the ref's kind is the literal 'doc'
const badDocKind: 'other' = docRef.kind;
// @ts-expect-error the ref's resource is a Doc
const badDocResource: number = docRef.TResource;
type HasTagParams = Parameters<typeof hasTag.apply>[1];
const hasTagParams: HasTagParams = { tag: 't', mode: 'all', limit: null, names: [] };
// @ts-expect-error tag is a string
const badHasTag: HasTagParams = { tag: 1, mode: 'all', limit: null, names: [] };
// @ts-expect-error mode is 'any' | 'all'
const badHasTagMode: HasTagParams['mode'] = 'some';
// @ts-expect-error hasTag applies to a Doc
hasTag.apply(1, hasTagParams);
type IsDocParams = Parameters<typeof isDoc.toQuery>[0];
const isDocParams: IsDocParams = { id: 'x' };
// @ts-expect-error ids are strings
const badIsDoc: IsDocParams = { id: 'x', ids: [1] };
// @ts-expect-error the condition's parameters are hasTag's
docConditions.hasTag({ tag: 1 });
// @ts-expect-error the kind is 'doc'
decideDoc('other');
export { docOwner, badDocKind, badDocResource, hasTagParams, badHasTag, badHasTagMode, isDocParams, badIsDoc };
import { noteExports } from './dist/index';
noteExports.conditions.hasTag({ tag: 'draft', mode: 'all', limit: null, names: [] });
// @ts-expect-error the tag is a string
noteExports.conditions.hasTag({ tag: 1, limit: null, names: [] });
const noteDecided: boolean = noteExports.decide('doc');
// @ts-expect-error the kind is the ref's
noteExports.decide('note');
export { noteDecided };

import { nullishText, looseEntry, strictEntry, counts, entries, nameOrEntry, LooseEntry } from './dist/index';
const textOut: string | undefined = nullishText.parse(null);
// @ts-expect-error the output is a string or undefined
const badTextOut: number = nullishText.parse('a');
const loose: LooseEntry = looseEntry.parse({ name: 'a', extra: 1 });
const looseName: string = loose.name;
// @ts-expect-error name is a string
const badLooseName: number = loose.name;
// @ts-expect-error a strict entry's name is a string
const badStrict: { name: number } = strictEntry.parse({});
const countOf: number = counts.parse({})['a'];
// @ts-expect-error the record's values are numbers
const badCount: string = counts.parse({})['a'];
// @ts-expect-error the record's values are entries, whose name is a string
const badEntryName: number = entries.parse({})['a'].name;
const nameOrEntryValue: string | { name: string } = nameOrEntry.parse('a');
// @ts-expect-error a string or an entry
const badNameOrEntry: number = nameOrEntry.parse('a');
export { textOut, badTextOut, looseName, badLooseName, badStrict, countOf, badCount, badEntryName, nameOrEntryValue, badNameOrEntry };
import { modes } from './dist/index';
const modeKind: 'manual' | 'auto' = modes.options[0].kind;
// @ts-expect-error the kinds are the two literals
const otherModeKind: 'other' = modes.options[0].kind;
export { modeKind, otherModeKind };
