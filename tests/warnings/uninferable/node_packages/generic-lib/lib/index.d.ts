export * from './wrap';
export { plain } from './plain.js';
export declare class Holder<T> {
    constructor(value: T);
    value: T;
}
