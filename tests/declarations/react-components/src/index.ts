export { Greeting, Banner, maybeBadge } from './components';
export { Classic, Titled } from './classic';
export { COMPONENT_ANNOTATION, isSet, label } from './constants';
