export * from './accounts';
export { type Token as TokenConfig } from './tokens';

export function accountLabel(id: string): string {
  return `account ${id}`;
}
