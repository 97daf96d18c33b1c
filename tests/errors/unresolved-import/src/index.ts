import { a } from './lib/a';
import { missing } from './lib/missing';

export const both = [a, missing];
