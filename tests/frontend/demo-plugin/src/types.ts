/** Options of the lazy panel (a module of types only: it compiles to nothing). */
export interface PanelOptions {
  title: string;
}
