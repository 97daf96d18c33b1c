/** How a greeting is phrased. */
export enum GreetingStyle {
  Formal = 'formal',
  Casual = 'casual',
  Pirate = 'pirate',
}

export interface Greeting {
  message: string;
  style: GreetingStyle;
  /** How many greetings this service has given, this one included. */
  count: number;
}

/** The part of Backstage's LoggerService this plugin uses. */
export interface Logger {
  info(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  info: (message, meta) => console.log(message, meta ?? ''),
  error: (message, meta) => console.error(message, meta ?? ''),
};
