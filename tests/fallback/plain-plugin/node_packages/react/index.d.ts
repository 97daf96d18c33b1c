export declare function createElement(type: string, props: object | null, ...children: unknown[]): string;
declare const React: { createElement: typeof createElement };
export default React;
declare global {
  namespace JSX {
    type Element = string;
    interface IntrinsicElements {
      [name: string]: Record<string, unknown>;
    }
  }
}
