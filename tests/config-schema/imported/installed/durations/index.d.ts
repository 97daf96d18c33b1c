/**
 * Human friendly durations object.
 *
 * @public
 */
export type HumanDuration = {
    years?: number;
    months?: number;
    days?: number;
    hours?: number;
    minutes?: number;
};
