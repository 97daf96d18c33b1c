import { toSeconds } from '@acme/units';
export const timeout = () => toSeconds({ minutes: 2 });
