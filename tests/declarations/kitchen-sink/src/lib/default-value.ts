import { Level } from './enums';
export default { level: Level.Warn, name: 'default value' };
