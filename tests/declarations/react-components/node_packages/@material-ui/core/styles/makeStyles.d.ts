// The shape of Material UI 4's makeStyles: a default export, a `Theme` defaulting to a name
// imported from a sibling file, class keys in a Record, and a conditional return type.
import { Theme as DefaultTheme } from './createTheme';
import { ClassNameMap, Styles, WithStylesOptions } from './withStyles';

export default function makeStyles<
  Theme = DefaultTheme,
  Props extends object = {},
  ClassKey extends string = string
>(
  styles: Styles<Theme, Props, ClassKey>,
  options?: WithStylesOptions<Theme>
): keyof Props extends never
  ? (props?: any) => ClassNameMap<ClassKey>
  : (props: Props) => ClassNameMap<ClassKey>;
