import { Badge, Panel } from './dist/index';

const badge: JSX.Element = Badge({ label: 'new' });
// @ts-expect-error a badge needs its label
Badge({});
const panel: JSX.Element | null = Panel({ open: true });
// @ts-expect-error the panel may render nothing
const panelAlways: JSX.Element = Panel({ open: true });
export { badge, panel, panelAlways };
