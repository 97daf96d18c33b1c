declare function wrap<T>(value: T): {
    value: T;
};
export { wrap };
