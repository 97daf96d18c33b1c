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
