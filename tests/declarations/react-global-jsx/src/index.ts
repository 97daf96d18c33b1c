export { Badge, Panel } from './components';
