// Components with inferred return types under the automatic runtime, where nothing binds React:
// tsc writes `import("react").JSX.Element` (React 19's types have no global JSX namespace).
export const Greeting = ({ name }: { name: string }) => <p>Hello {name}</p>;

export function Banner() {
  return (
    <>
      <Greeting name="all" />
    </>
  );
}

export function maybeBadge(show: boolean) {
  return show ? <span>!</span> : null;
}
