/**
 * The hello backend plugin: a small express router with a health check and greetings.
 *
 * @packageDocumentation
 */
export { createRouter } from './service/router';
export type { RouterOptions } from './service/router';
export { GreetingService } from './service/GreetingService';
export { GreetingStyle } from './service/types';
export type { Greeting, Logger } from './service/types';
