import type { FieldProps } from '@acme/plugin-api';

type ColorOptions = {
  palette?: string;
};

export const ColorField = ({ value, options }: FieldProps<string, ColorOptions>) => (
  <p>
    {value} {options.palette}
  </p>
);
