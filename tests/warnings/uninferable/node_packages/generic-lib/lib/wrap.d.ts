declare function wrap<T>(value: T): {
    value: T;
};
export { wrap };
/** Its type parameter sits inside another generic type: not inferable without a checker. */
export declare function unwrap<T>(value: Promise<T>): T;
