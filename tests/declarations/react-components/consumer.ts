import type { JSX } from 'react';
import { Greeting, Banner, maybeBadge, Classic, Titled } from './dist/index';

const element: JSX.Element = Greeting({ name: 'x' });
// @ts-expect-error an element is not a string
const notText: string = Banner();
const badge: JSX.Element | null = maybeBadge(true);
// @ts-expect-error the badge may be null
const badgeAlways: JSX.Element = maybeBadge(false);
const classic: JSX.Element = Classic();
const titled: JSX.Element = Titled({ title: 't' });
// @ts-expect-error a component takes its props
Greeting({});
export { element, notText, badge, badgeAlways, classic, titled };
import { COMPONENT_ANNOTATION } from './dist/index';
const annotation: 'acme.io/component' = COMPONENT_ANNOTATION;
export { annotation };
import { isSet, label } from './dist/index';
const set: boolean = isSet(1);
// @ts-expect-error Boolean(x) is a boolean
const setWrong: string = isSet(1);
const labelText: string = label(2);
export { set, setWrong, labelText };
import { allPermissions, DEFAULT_PERMISSION } from './dist/index';
const kinds: ('read' | 'write')[] = allPermissions.map(p => p.kind);
const defaultKind: 'read' = DEFAULT_PERMISSION.kind;
// @ts-expect-error the default permission is the read one
const defaultKindWrong: 'write' = DEFAULT_PERMISSION.kind;
export { kinds, defaultKind, defaultKindWrong };
import { asserted } from './dist/index';
const assertedKind: 'read' | 'write' = asserted;
// @ts-expect-error the assertion's union, not the literal
const assertedRead: 'read' = asserted;
export { assertedKind, assertedRead };
import { tally } from './dist/index';
const tallyCount: number = tally.count;
// @ts-expect-error a tally counts in numbers
const tallyCountWrong: string = tally.count;
export { tallyCount, tallyCountWrong };
import { useToggle } from './dist/index';
const toggled = useToggle();
const open: boolean = toggled.open;
// @ts-expect-error useState(false) holds a boolean
const openWrong: string = toggled.open;
toggled.setOpen(true);
// @ts-expect-error the setter takes a boolean
toggled.setOpen('yes');
const toggleLabel: string | null = toggled.label;
// @ts-expect-error the label may be null
const toggleLabelAlways: string = toggled.label;
toggled.toggle(true);
// @ts-expect-error the callback keeps its parameter types
toggled.toggle('yes');
toggled.showInfo('saved');
// @ts-expect-error showInfo takes a message
toggled.showInfo(1);
const count: number = toggled.count;
// @ts-expect-error useMemo returns the factory's type
const countWrong: string = toggled.count;
export { open, openWrong, toggleLabel, toggleLabelAlways, count, countWrong };
import { useSelection } from './dist/index';
const selection = useSelection(['a']);
const selectionLength: number = selection.length;
const selectionHead: string = selection.head;
// @ts-expect-error the head is an element of the string array
const selectionHeadWrong: number = selection.head;
export { selectionLength, selectionHead, selectionHeadWrong };
import { useCardStyles, useBoxStyles } from './dist/index';
const cardClasses = useCardStyles();
const cardHeading: string = cardClasses.heading;
// @ts-expect-error the class keys are the style object's keys
const cardMissing: string = cardClasses.missing;
const boxClass: string = useBoxStyles().box;
// @ts-expect-error the class keys are the style object's keys
const boxMissing: string = useBoxStyles().root;
export { cardHeading, cardMissing, boxClass, boxMissing };
import { usePanelStyles } from './dist/index';
const panelClass: string = usePanelStyles().panel;
// @ts-expect-error the class keys are the style object's keys
const panelMissing: string = usePanelStyles().box;
export { panelClass, panelMissing };
import { Guard, Gate } from './dist/index';
import type { JSX as ReactJSX } from 'react';
type Identical<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
const guardReturns: Identical<ReturnType<typeof Guard>, ReactJSX.Element | null> = true;
// @ts-expect-error the children's ReactElement is left out of the union, as tsc leaves it out
const guardKeepsChildren: Identical<ReturnType<typeof Guard>, ReactJSX.Element | React.ReactElement | null> = true;
const gateReturns: Identical<ReturnType<typeof Gate>, ReactJSX.Element> = true;
export { guardReturns, guardKeepsChildren, gateReturns };
import { Badge } from './dist/index';
const badgeInner: (props: { label: string }) => JSX.Element = Badge.type;
// @ts-expect-error the memoised component keeps its props
const badgeWrong: (props: { text: number }) => JSX.Element = Badge.type;
export { badgeInner, badgeWrong };
