/**
 * An API token.
 * @visibility secret
 */
export interface Token {
  value: string;
  expires?: number;
}
