export interface Theme {
  spacing(units: number): number;
}
