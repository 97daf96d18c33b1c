import { DurationLike } from '@acme/scheduler';

/**
 * Where the plugin reads entities from; see {@link RetryPolicy} and
 * {@link https://backstage.io/docs the docs}.
 */
export interface SourceConfig {
  /** The source's base URL. */
  baseUrl: string;
  /**
   * How long a read may take.
   * @visibility frontend
   */
  timeout?: DurationLike;
  retry?: RetryPolicy;
}

/** Retries after a failed read, as {@link Unknown} describes. */
export type RetryPolicy = {
  attempts: number;
  mode: 'linear' | 'exponential';
};
