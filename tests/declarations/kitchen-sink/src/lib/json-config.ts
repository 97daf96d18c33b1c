// JSON imports typed from the file's contents, as tsc does with resolveJsonModule: the per-file
// declarations and the roll-up name no `typeof settings`, and a re-exported JSON binding is declared.
import settings from './settings.json';
import { port } from './settings.json';

export const config = { name: settings.name, port };
export const limits = settings.limits;
export function features() {
  return settings.features;
}
export const firstRow = settings.rows[0];
export const mixed = settings['mixed'];
export { settings };
