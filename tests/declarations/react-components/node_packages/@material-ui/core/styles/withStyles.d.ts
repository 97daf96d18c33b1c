import { Theme } from './createTheme';

export interface CSSProperties {
  [property: string]: unknown;
}
export type CreateCSSProperties<Props extends object = {}> = {
  [property: string]: unknown | ((props: Props) => unknown);
};
export type StyleRules<Props extends object = {}, ClassKey extends string = string> = Record<
  ClassKey,
  CSSProperties | CreateCSSProperties<Props> | ((props: Props) => CreateCSSProperties<Props>)
>;
export type StyleRulesCallback<Theme, Props extends object, ClassKey extends string = string> = (
  theme: Theme
) => StyleRules<Props, ClassKey>;
export type Styles<Theme, Props extends object, ClassKey extends string = string> =
  | StyleRules<Props, ClassKey>
  | StyleRulesCallback<Theme, Props, ClassKey>;
export interface WithStylesOptions<T = Theme> {
  name?: string;
  defaultTheme?: T;
}
export type ClassNameMap<ClassKey extends string = string> = Record<ClassKey, string>;
