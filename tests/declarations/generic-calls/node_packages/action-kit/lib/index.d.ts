// Declarations shaped like @backstage/plugin-scaffolder-node 1.x: a generic factory whose type
// parameters are inferred from zod schema callbacks (`schema.input`, `schema.output`), with zod
// imported from the `zod/v3` subpath as that package does.
import { z } from 'zod/v3';

type SchemaCallbacks = {
    [key in string]: (zImpl: typeof z) => z.ZodType;
} | ((zImpl: typeof z) => z.ZodType);

type Infer<S> = S extends {
    [key in string]: (zImpl: typeof z) => z.ZodType;
} ? {
    [key in keyof S]: z.infer<ReturnType<S[key]>>;
} : S extends (zImpl: typeof z) => z.ZodType ? z.infer<ReturnType<S>> : never;

/** @public */
export type ActionContext<TInput, TOutput> = {
    input: TInput;
    output<K extends keyof TOutput>(name: K, value: TOutput[K]): void;
};

/** @public */
export type ActionOptions<TInput, TOutput, TInputSchema extends SchemaCallbacks = SchemaCallbacks, TOutputSchema extends SchemaCallbacks = SchemaCallbacks> = {
    id: string;
    description?: string;
    schema?: {
        input?: TInputSchema;
        output?: TOutputSchema;
    };
    handler: (ctx: ActionContext<TInput, TOutput>) => Promise<void>;
};

/** @public */
export type Action<TInput, TOutput> = {
    id: string;
    handler: (ctx: ActionContext<TInput, TOutput>) => Promise<void>;
};

/** @public */
export declare function createAction<TInputSchema extends SchemaCallbacks, TOutputSchema extends SchemaCallbacks>(action: ActionOptions<Infer<TInputSchema>, Infer<TOutputSchema>, TInputSchema, TOutputSchema>): Action<Infer<TInputSchema>, Infer<TOutputSchema>>;

/** Literal arguments: kept when the type parameter is the result, or has a primitive constraint. */
export declare function tag<T>(value: T): T;
export declare function box<T>(value: T): { value: T };
export declare function pick<T extends string>(value: T): { value: T };
export declare function field<T>(holder: { value: T }): T[];
/** Shaped like @backstage/plugin-scaffolder-react's `makeFieldSchema`: callbacks with untyped parameters, whose returns give the type parameters. */
export type FieldSchema<TReturn, TUiOptions> = { readonly type: TReturn; readonly uiOptions: TUiOptions };
export declare function makeFieldSchema<TReturnType extends z.ZodType, TUiOptions extends z.ZodType>(options: {
    output: (zImpl: typeof z) => TReturnType;
    uiOptions?: (zImpl: typeof z) => TUiOptions;
}): FieldSchema<z.output<TReturnType>, z.output<TUiOptions>>;
/** Shaped like valibot 0.28's `union`: a trailing string is the message of the second overload, not the first's pipe (an array). */
type MaybeReadonly<T> = Readonly<T> | T;
export interface Check<T> { readonly check: (value: T) => boolean }
export type Pipe<T> = Check<T>[];
export type Choices = MaybeReadonly<{ readonly kind: string }[]>;
export interface ChoiceSchema<TOptions extends Choices> { readonly options: TOptions }
export declare function choose<TOptions extends Choices>(options: TOptions, pipe?: Pipe<TOptions[number]>): ChoiceSchema<TOptions>;
export declare function choose<TOptions extends Choices>(options: TOptions, message?: string, pipe?: Pipe<TOptions[number]>): ChoiceSchema<TOptions>;
export declare function option<T extends string>(kind: T): { readonly kind: T };
