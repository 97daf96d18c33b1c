// A body plugbuild tsc does not parse for declarations: its tokens are still checked.
export function label(id: number): string {
  return 'unterminated + id;
}
