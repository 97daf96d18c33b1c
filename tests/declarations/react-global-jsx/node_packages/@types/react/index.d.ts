// The shape of @types/react before 18.2: `JSX` is declared only in the global scope, not in the
// `React` namespace.
export = React;
export as namespace React;

declare namespace React {
    interface ReactElement<P = any> {
        type: any;
        props: P;
        key: string | null;
    }
    type ReactNode = ReactElement | string | number | boolean | null | undefined;
}

declare global {
    namespace JSX {
        interface Element extends React.ReactElement<any> {}
        interface IntrinsicElements {
            [name: string]: any;
        }
    }
}
