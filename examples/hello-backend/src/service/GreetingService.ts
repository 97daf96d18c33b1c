import { Greeting, GreetingStyle, Logger } from './types';

const phrases: Record<GreetingStyle, (name: string) => string> = {
  [GreetingStyle.Formal]: name => `Good day, ${name}.`,
  [GreetingStyle.Casual]: name => `Hi ${name}!`,
  [GreetingStyle.Pirate]: name => `Ahoy, ${name}!`,
};

/** Greets people and counts how often it did. */
export class GreetingService {
  #count = 0;

  constructor(
    private readonly logger: Logger,
    readonly defaultStyle: GreetingStyle = GreetingStyle.Casual,
  ) {}

  get count(): number {
    return this.#count;
  }

  greet(name: string, style?: GreetingStyle): Greeting {
    if (name.trim() === '') {
      throw new InvalidNameError(name);
    }
    this.#count += 1;
    const chosen = style ?? this.defaultStyle;
    const message = phrases[chosen](name);
    this.logger.info(`greeted ${name}`, { style: chosen });
    return { message, style: chosen, count: this.#count };
  }

  static isStyle(value: unknown): value is GreetingStyle {
    return Object.values(GreetingStyle).includes(value as GreetingStyle);
  }
}

export class InvalidNameError extends Error {
  readonly name = 'InvalidNameError';

  constructor(readonly value: string) {
    super(`a name must not be blank, got ${JSON.stringify(value)}`);
  }
}
