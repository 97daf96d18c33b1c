// A plugin folder as a new user has it: no tsconfig.json anywhere, `main` pointing at the build
// output. Each line below depends on one setting of Backstage's base tsconfig.
import express from 'express';
import { describeFields } from './fields';
import { renderGreeting } from './greeting';

export { publicHelper, internalHelper } from './helpers';

// esModuleInterop: the default import of a CommonJS package is the package.
const app = express();
app.use(express.json());
console.log('express default import:', typeof app.listen, typeof express.json);

// useDefineForClassFields: a field defines an own property instead of calling the base's setter.
console.log('class fields:', describeFields());

// jsx: react (classic), through the React the module imports.
console.log('jsx:', renderGreeting('Ada'));
