import { greeting } from '@acme/common';
export const alpha = () => greeting('alpha');
