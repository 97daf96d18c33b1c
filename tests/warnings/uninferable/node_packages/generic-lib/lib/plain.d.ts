export declare function plain(value: number): number;
