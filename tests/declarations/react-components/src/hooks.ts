// Hooks whose results tsc infers through React's generic functions, which @types/react declares
// inside `declare namespace React` with `export = React`. Destructured names take the part of the
// value they bind: `const [open, setOpen] = useState(false)` gives `open: boolean`.
import { useCallback, useMemo, useState } from 'react';

export function useToggle() {
  const [open, setOpen] = useState(false);
  const [label] = useState<string | null>(null);
  const toggle = useCallback((force: boolean, silent = false) => {
    setOpen(silent ? open : force);
  }, [open]);
  const count = useMemo(() => (open ? 1 : 2), [open]);
  return { open, setOpen, label, toggle, count };
}

export function useSelection(initial: string[]) {
  const { length } = initial;
  const [head] = initial;
  return { length, head };
}
