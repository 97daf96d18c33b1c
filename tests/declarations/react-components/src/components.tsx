import { memo } from 'react';

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

interface GuardProps {
  children: React.ReactElement;
  fallback?: React.ReactNode;
  allowed?: boolean;
  loading?: boolean;
}

// The children are a `ReactElement`, a subtype of `JSX.Element`: tsc's inferred return type
// leaves them out of its union (`JSX.Element | null`).
export const Guard = ({ children, fallback = null, allowed, loading }: GuardProps) => {
  if (loading) return null;
  return allowed ? children : <>{fallback}</>;
};

export function Gate({ children, open }: { children: GuardProps['children']; open: boolean }) {
  return open ? children : <p>closed</p>;
}

interface BadgeProps {
  label: string;
}

// `memo` of an arrow: tsc's first pass over the overloads relates arguments as subtypes, and a
// function is no subtype of `FunctionComponent<P>` (it lacks `displayName?`), so the second
// overload gives `MemoExoticComponent<typeof arrow>`.
export const Badge = memo(({ label }: BadgeProps) => <span>{label}</span>);
