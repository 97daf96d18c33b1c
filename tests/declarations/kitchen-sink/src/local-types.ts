// A module with a local interface and a generic call with type arguments: its per-file declarations
// use the local and the call helper types, and must still export only what the source exports.
interface Options {
  name: string;
}

function make<T>(value: T): { value: T } {
  return { value };
}

export const made = make<Options>({ name: 'made' });

export function describeOptions(options: Options): string {
  return options.name;
}
