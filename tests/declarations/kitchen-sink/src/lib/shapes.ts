export interface Circle {
  kind: 'circle';
  radius: number;
}
export interface Square {
  kind: 'square';
  side: number;
}
export type Shape = Circle | Square;
export function area(shape: Shape): number {
  return shape.kind === 'circle' ? Math.PI * shape.radius ** 2 : shape.side ** 2;
}
export const unit = { width: 1, height: 1 };
