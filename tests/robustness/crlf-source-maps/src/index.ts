import { fail } from './thrower';

// Windows line endings: the source map must still point at the right lines.
try {
  fail();
} catch (error) {
  const frame = String((error as Error).stack).split('\n')[1];
  console.log(frame.includes('thrower.ts:6') ? 'mapped to thrower.ts:6' : frame);
}
