export type Seconds = number & { readonly unit: 'seconds' };
export declare function toSeconds(d: { minutes?: number; seconds?: number }): Seconds;
