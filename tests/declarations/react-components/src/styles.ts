// Material UI 4's makeStyles (as the fixture's node_packages declare it): the class keys are the
// keys of the style object, given directly or returned by a callback of the theme.
import { makeStyles } from '@material-ui/core/styles';

export const useCardStyles = makeStyles(theme => ({
  frame: { padding: theme.spacing(1) },
  heading: { fontWeight: 'bold' },
}));

export const useBoxStyles = makeStyles({
  box: { margin: 0 },
});
