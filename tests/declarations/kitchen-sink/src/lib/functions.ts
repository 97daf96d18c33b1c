export function parse(value: string): number;
export function parse(value: number): string;
export function parse(value: string | number): string | number {
  return typeof value === 'string' ? Number(value) : String(value);
}

export function greet(name: string): string {
  return `hello ${name}`;
}
export namespace greet {
  export const defaultName = 'world';
}

export namespace Geometry {
  export interface Point {
    x: number;
    y: number;
  }
  export namespace Units {
    export const metre = 1;
  }
  export function distance(a: Point, b: Point): number {
    return Math.hypot(a.x - b.x, a.y - b.y);
  }
}
