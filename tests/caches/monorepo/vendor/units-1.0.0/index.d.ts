export declare function toSeconds(d: { minutes?: number; seconds?: number }): number;
