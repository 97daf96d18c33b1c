export { Greeting, Banner, maybeBadge, Guard, Gate, Badge } from './components';
export { Classic, Titled } from './classic';
export { COMPONENT_ANNOTATION, isSet, label, allPermissions, DEFAULT_PERMISSION, asserted, tally } from './constants';
export type { Permission } from './constants';
export { useToggle, useSelection } from './hooks';
export { useCardStyles, useBoxStyles, usePanelStyles } from './styles';
