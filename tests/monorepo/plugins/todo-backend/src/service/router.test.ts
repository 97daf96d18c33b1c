import { createRouter } from './router';

export const testRouter = createRouter();
