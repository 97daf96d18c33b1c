import * as core from '@acme/widget-core';
import { Gadget as CoreGadget } from '@acme/widget-core';

export interface Options {
  retries: number;
}
export declare function makeWidget(name: string): core.Widget;
export declare function makeGadget(): CoreGadget<string>;
export declare function makeOptions(retries?: number): Options & { source: 'widgets' };
export declare function makeBox<T>(value: T): Box<T>;
export interface Box<T> {
  value: T;
}
export interface BasicPermission {
  type: 'basic';
  name: string;
}
export interface ResourcePermission<T extends string> {
  type: 'resource';
  name: string;
  resourceType: T;
}
export declare function makePermission<T extends string>(input: {
  name: string;
  resourceType: T;
}): ResourcePermission<T>;
export declare function makePermission(input: { name: string }): BasicPermission;
type OptionalParams<Params extends { [param in string]: string }> = Params[keyof Params] extends never
  ? undefined
  : Params;
export interface RouteRef<Params> {
  readonly $$type: 'route';
  readonly params: Params;
}
export declare function makeRouteRef<
  Params extends { [param in ParamKey]: string },
  ParamKey extends string = never,
>(config: { id: string; params?: ParamKey[] }): RouteRef<OptionalParams<Params>>;
export declare function makeFrontendRouteRef<TParamKey extends string = never>(config?: {
  readonly params?: TParamKey[];
}): RouteRef<[TParamKey] extends [never] ? undefined : { [param in TParamKey]: string }>;
