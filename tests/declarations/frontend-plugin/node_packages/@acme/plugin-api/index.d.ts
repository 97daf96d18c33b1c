// The shapes of @backstage/core-plugin-api's plugin and extension functions, as its declarations
// write them (the fixture needs no install).
import type { JSX } from 'react';

type AnyRouteRefParams = {
    [param in string]: string;
} | undefined;
type RouteRef<Params extends AnyRouteRefParams = any> = {
    readonly $$routeRefType: 'absolute';
    readonly params: Params;
};
type OptionalParams<Params extends {
    [param in string]: string;
}> = Params[keyof Params] extends never ? undefined : Params;
declare function createRouteRef<Params extends {
    [param in ParamKey]: string;
}, ParamKey extends string = never>(config: {
    id: string;
    params?: ParamKey[];
}): RouteRef<OptionalParams<Params>>;
type Extension<T> = {
    expose(plugin: BackstagePlugin): T;
};
type AnyRoutes = {
    [name in string]: RouteRef;
};
type BackstagePlugin<Routes extends AnyRoutes = {}> = {
    getId(): string;
    provide<T>(extension: Extension<T>): T;
    routes: Routes;
};
declare function createPlugin<Routes extends AnyRoutes = {}>(config: {
    id: string;
    routes?: Routes;
}): BackstagePlugin<Routes>;
type ComponentLoader<T> = {
    lazy: () => Promise<T>;
} | {
    sync: T;
};
declare function createRoutableExtension<T extends (props: any) => JSX.Element | null>(options: {
    component: () => Promise<T>;
    mountPoint: RouteRef;
    name?: string;
}): Extension<T>;
declare function createComponentExtension<T extends (props: any) => JSX.Element | null>(options: {
    component: ComponentLoader<T>;
    name?: string;
}): Extension<T>;

type FieldProps<TValue, TProps extends {}> = {
    value?: TValue;
    options: TProps;
    onChange(value: TValue): void;
};
type FieldComponent<TValue, TProps extends {}> = {
    readonly $$fieldValue: TValue;
    readonly $$fieldProps: TProps;
};
declare function createFieldExtension<TValue = unknown, TProps extends {} = {}>(options: {
    name: string;
    component: (props: FieldProps<TValue, TProps>) => JSX.Element | null;
    validation?: (value: TValue, errors: {
        add(message: string): void;
    }) => void;
}): Extension<FieldComponent<TValue, TProps>>;
type ApiRef<T> = {
    id: string;
    T: T;
};
declare function createApiRef<T>(config: {
    id: string;
}): ApiRef<T>;
declare function useApi<T>(apiRef: ApiRef<T>): T;

export { createApiRef, createComponentExtension, createFieldExtension, createPlugin, createRoutableExtension, createRouteRef, useApi };
export type { AnyRouteRefParams, AnyRoutes, ApiRef, BackstagePlugin, ComponentLoader, Extension, FieldComponent, FieldProps, OptionalParams, RouteRef };
