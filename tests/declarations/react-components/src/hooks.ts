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
  // A call of a local whose type was inferred: its return type (`show(...)` is `void`).
  const show = useCallback((message: string, kind: 'info' | 'error') => {
    setOpen(message.length > 0 && kind === 'info');
  }, []);
  const showInfo = useCallback((message: string) => show(message, 'info'), [show]);
  return { open, setOpen, label, toggle, count, showInfo };
}

export function useSelection(initial: string[]) {
  const { length } = initial;
  const [head] = initial;
  return { length, head };
}
