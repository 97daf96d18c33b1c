export default function (a: number, b: number): number {
  return a + b;
}
