// The shapes of @backstage/frontend-plugin-api's plugins, extension blueprints and route refs, as
// its rolled-up declarations write them: a namespace import of the package itself names the
// blueprint interface (the fixture needs no install).
import * as _acme_frontend_api from '@acme/frontend-api';

type ExtensionDefinitionParameters = {
    kind?: string;
    name?: string;
    params?: object | ExtensionBlueprintDefineParams;
};
interface ExtensionDefinition<T extends ExtensionDefinitionParameters = ExtensionDefinitionParameters> {
    readonly $$type: '@acme/ExtensionDefinition/v2';
    readonly version: 'v2';
    readonly T: T;
}
interface OverridableExtensionDefinition<T extends ExtensionDefinitionParameters = ExtensionDefinitionParameters> extends ExtensionDefinition<T> {
    override(args: { disabled?: boolean }): OverridableExtensionDefinition<T>;
}
type ExtensionBlueprintDefineParams<TParams extends object = object, TInput = any> = (params: TInput) => TParams;
type AnyParamsInput<TParams extends object | ExtensionBlueprintDefineParams> = TParams extends ExtensionBlueprintDefineParams<infer IParams> ? IParams | ExtensionBlueprintDefineParams<IParams> : TParams | ExtensionBlueprintDefineParams<TParams, TParams>;
type ExtensionBlueprintParameters = {
    kind: string;
    params?: object | ExtensionBlueprintDefineParams;
};
interface ExtensionBlueprint<T extends ExtensionBlueprintParameters = ExtensionBlueprintParameters> {
    make<TName extends string | undefined, TParamsInput extends AnyParamsInput<NonNullable<T['params']>>>(args: {
        name?: TName;
        disabled?: boolean;
        params: TParamsInput extends ExtensionBlueprintDefineParams ? TParamsInput : T['params'] extends ExtensionBlueprintDefineParams ? 'Error: pass the parameters through defineParams' : T['params'];
    }): OverridableExtensionDefinition<{
        kind: T['kind'];
        name: string | undefined extends TName ? undefined : TName;
        params: T['params'];
    }>;
}
declare const ApiBlueprint: _acme_frontend_api.ExtensionBlueprint<{
    kind: "api";
    params: <TApi>(params: { api: string; factory: () => TApi }) => { api: TApi };
}>;
declare const PageBlueprint: _acme_frontend_api.ExtensionBlueprint<{
    kind: "page";
    params: { path: string; title?: string };
}>;

type RouteRef<TParams extends { [param in string]: string } | undefined = any> = {
    readonly $$type: '@acme/RouteRef';
    readonly T: TParams;
};
declare function createRouteRef<TParamKey extends string = never>(config?: {
    readonly params?: TParamKey[];
    aliasFor?: string;
}): RouteRef<[TParamKey] extends [never] ? undefined : {
    [param in TParamKey]: string;
}>;

type ExtensionId<E, TPluginId extends string> = E extends ExtensionDefinition<{ kind: infer K extends string; name: infer N extends string | undefined }> ? N extends string ? `${K}:${TPluginId}/${N}` : `${K}:${TPluginId}` : never;
type ExtensionsById<UExtensions extends ExtensionDefinition, TPluginId extends string> = {
    [E in UExtensions as ExtensionId<E, TPluginId>]: E;
};
interface OverridableFrontendPlugin<TRoutes extends { [name in string]: RouteRef } = {}, TExternalRoutes extends { [name in string]: RouteRef } = {}, TExtensionMap extends { [id in string]: ExtensionDefinition } = {}> {
    readonly id: string;
    readonly routes: TRoutes;
    readonly externalRoutes: TExternalRoutes;
    getExtension<TId extends keyof TExtensionMap>(id: TId): TExtensionMap[TId];
}
interface CreateFrontendPluginOptions<TId extends string, TRoutes extends { [name in string]: RouteRef }, TExternalRoutes extends { [name in string]: RouteRef }, TExtensions extends readonly ExtensionDefinition[]> {
    pluginId: TId;
    title?: string;
    routes?: TRoutes;
    externalRoutes?: TExternalRoutes;
    extensions?: TExtensions;
}
declare function createFrontendPlugin<TId extends string, TExtensions extends readonly ExtensionDefinition[], TRoutes extends {
    [name in string]: RouteRef;
} = {}, TExternalRoutes extends {
    [name in string]: RouteRef;
} = {}>(options: CreateFrontendPluginOptions<TId, TRoutes, TExternalRoutes, TExtensions>): OverridableFrontendPlugin<TRoutes, TExternalRoutes, ExtensionsById<TExtensions[number], TId>>;

export { ApiBlueprint, PageBlueprint, createFrontendPlugin, createRouteRef };
export type { ExtensionBlueprint, ExtensionDefinition, OverridableExtensionDefinition, OverridableFrontendPlugin, RouteRef };
