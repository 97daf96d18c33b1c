import { shared } from '../../shared/src';

export const value = shared;
