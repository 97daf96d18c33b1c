/**
 * The configuration of the kitchen-sink plugin.
 * It spans two lines, which become one.
 *
 * A second paragraph, written by @acme/team.
 */
export interface Config {
  /** The plugin's own settings. */
  kitchenSink?: {
    /**
     * Shown in the page header.
     * @visibility frontend
     */
    title: string;
    /** @visibility secret */
    token?: string;
    /**
     * How often to retry.
     * @default 3
     * @minimum 0
     */
    retries?: number;
    enabled: boolean;
    /**
     * Links on the page.
     * @deepVisibility frontend
     */
    links?: Array<{ url: string; label?: string }>;
    /** @visibility frontend */
    mode?: 'light' | 'dark';
    tags?: string[];
    /**
     * @items.visibility frontend
     * @example ['a', 'b']
     */
    names?: string[];
    extra?: { [key: string]: string };
    labels?: Record<string, number>;
    limit: number | string;
    /** @deprecated use `limit` */
    oldLimit?: number;
    strict?: true;
    origin?: string | string[];
    target?: [{ host: string; port?: number }];
    /** @default 'main' */
    branch?: string;
    schedule?: Schedule;
  };
  other?: Extended;
}

/** When to run. */
interface Schedule {
  /** @visibility frontend */
  frequency: { minutes: number } | { hours: number };
  timeout?: number | null;
}

interface Base {
  /** From the base. */
  inherited: string;
}

interface Extended extends Base {
  own?: boolean;
}
