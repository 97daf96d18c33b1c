import { SourceConfig as Source } from './src/config-types';
import { AccountConfig, TokenConfig } from '@acme/common';
import * as scheduler from '@acme/scheduler';
import { ScheduleConfig, ScheduleDefinition } from '@acme/scheduler';

/** Settings shared by every account, extended from another package. */
interface AccountWithSchedule extends AccountConfig {
  /** When the accounts sync; {@link ScheduleConfig} says how. */
  schedule?: ScheduleConfig;
}

export interface Config {
  imported?: {
    /**
     * The sources to read.
     * @visibility frontend
     */
    sources: Source[];
    /** @deepVisibility secret */
    accounts?: AccountWithSchedule[];
    token?: TokenConfig;
    lastRun?: scheduler.DurationLike;
    /** A task's whole definition, through two interfaces. */
    task?: ScheduleDefinition;
  };
}
