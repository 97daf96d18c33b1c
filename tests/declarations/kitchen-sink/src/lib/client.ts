export interface Options {
  baseUrl: string;
  retries?: number;
}
export type Handler<T = unknown> = (event: T) => void | Promise<void>;
