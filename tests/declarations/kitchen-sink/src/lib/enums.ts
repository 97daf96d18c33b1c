/** Log levels. */
export enum Level {
  Debug,
  Info = 10,
  Warn,
  Error = Info * 3,
}

export enum Colour {
  Red = 'red',
  Green = 'green',
}

export enum Computed {
  A = 'abc'.length,
  B = A * 2,
}

export const enum Flag {
  None = 0,
  One = 1 << 0,
  Two = 1 << 1,
}

export const defaultLevel = Level.Info;
