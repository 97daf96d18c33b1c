import { z } from 'zod/v3';

/** A schema library's common interface (what zod 4 and others implement; zod 3 does not). */
export interface PortableSchema<Output> {
  readonly '~portable': { output: Output; toJson(): object };
}

export type RuleParams = undefined | Record<string, unknown>;

export type RuleRef<TResource = unknown, TQuery = unknown, TKind extends string = string, TOwner extends string = string> = {
  owner: TOwner;
  kind: TKind;
  TResource: TResource;
  TQuery: TQuery;
};

/** The resource and query come from the written type arguments, the rest from `with`'s. */
export declare function createRuleRef<TResource, TQuery>(): {
  with<TOwner extends string, TKind extends string>(options: { owner: TOwner; kind: TKind }): RuleRef<TResource, TQuery, TKind, TOwner>;
};

export type Rule<TResource, TQuery, TKind extends string, TParams extends RuleParams = RuleParams> = {
  name: string;
  kind: TKind;
  apply(resource: TResource, params: NoInfer<TParams>): boolean;
  toQuery(params: NoInfer<TParams>): TQuery;
} & (
  | { paramsSchema?: PortableSchema<TParams> }
  | { paramsSchema: z.ZodSchema<TParams> }
);

export type CreateRuleOptions<TRef extends RuleRef, TParams extends RuleParams> = TRef extends RuleRef<infer IResource, infer IQuery, any>
  ? {
      name: string;
      ref: TRef;
      paramsSchema?: PortableSchema<TParams>;
      apply(resource: IResource, params: NoInfer<TParams>): boolean;
      toQuery(params: NoInfer<TParams>): IQuery;
    }
  : never;

export declare function createRule<TRef extends RuleRef, TParams extends RuleParams = undefined>(rule: CreateRuleOptions<TRef, TParams>): Rule<TRef['TResource'], TRef['TQuery'], TRef['kind'], TParams>;
/** For zod 3 schemas, which are not portable. */
export declare function createRule<TRef extends RuleRef, TParams extends RuleParams = undefined>(rule: {
  name: string;
  ref: TRef;
  paramsSchema: z.ZodSchema<TParams>;
  apply(resource: TRef['TResource'], params: NoInfer<TParams>): boolean;
  toQuery(params: NoInfer<TParams>): TRef['TQuery'];
}): Rule<TRef['TResource'], TRef['TQuery'], TRef['kind'], TParams>;
export declare function createRule<TResource, TQuery, TKind extends string, TParams extends RuleParams = undefined>(rule: Rule<TResource, TQuery, TKind, TParams>): Rule<TResource, TQuery, TKind, TParams>;

/** A `createRule` with the resource, query and kind fixed. */
export declare const makeCreateRule: <TResource, TQuery, TKind extends string>() => <TParams extends RuleParams = undefined>(rule: Rule<TResource, TQuery, TKind, TParams>) => Rule<TResource, TQuery, TKind, TParams>;

export declare function createRuleExports<TKind extends string, TResource, TRules extends Record<string, Rule<TResource, any, TKind>>>(options: {
  ref: RuleRef<TResource, any, TKind>;
  rules: TRules;
}): {
  conditions: { [K in keyof TRules]: (params: TRules[K] extends Rule<any, any, any, infer P extends RuleParams> ? P : never) => { rule: K; kind: TKind } };
  decide: (kind: TKind) => boolean;
};
