import { HumanDuration } from '@acme/durations';

/**
 * A duration as text or an object.
 *
 * @public
 */
type DurationLike = string | HumanDuration;
/**
 * Config options for {@link ScheduleDefinition}
 * that control the scheduling of a task.
 *
 * @public
 */
interface ScheduleConfig {
    /**
     * How often the task runs.
     *
     * @remarks
     *
     * This is the best effort value.
     */
    frequency: {
        /** A crontab style string. */
        cron: string;
    } | DurationLike | {
        trigger: 'manual';
    };
    timeout: DurationLike;
}
/** @public */
interface ScheduleDefinition extends ScheduleConfig {
    scope?: 'global' | 'local';
}
declare function schedule(definition: ScheduleDefinition): void;

export { schedule };
export type { DurationLike, ScheduleConfig, ScheduleDefinition };
