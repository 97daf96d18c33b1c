const calls: string[] = [];

class Base {
  set label(value: string) {
    calls.push(`setter ran with ${value}`);
  }
}

class Derived extends Base {
  // @ts-expect-error TS2610: with useDefineForClassFields the field is an own property that hides
  // the setter (which is what this fixture shows at run time).
  label = 'field';
}

export function describeFields(): string {
  const derived = new Derived();
  const own = Object.getOwnPropertyDescriptor(derived, 'label');
  return `own property: ${own?.value ?? 'none'}; setter calls: ${calls.length}`;
}
