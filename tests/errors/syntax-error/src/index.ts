import { helper } from './helper';

export function run(input: string) {
  const value = helper(input) +;
  return value;
}
