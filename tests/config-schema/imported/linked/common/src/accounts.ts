/** One account of the service. */
export type AccountConfig = {
  /** The account's id. */
  id: string;
  isDefault?: boolean;
  region?: 'us' | 'eu';
};
