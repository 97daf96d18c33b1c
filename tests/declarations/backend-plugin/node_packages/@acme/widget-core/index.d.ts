export interface Widget {
  name: string;
}
export interface Gadget<T> {
  value: T;
}
export type Sprocket = {
  teeth: number;
};
