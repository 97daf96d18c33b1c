export interface Options {
  port: number;
  host: string;
}
