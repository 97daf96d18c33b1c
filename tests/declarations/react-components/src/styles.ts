// Material UI 4's makeStyles (as the fixture's node_packages declare it): the class keys are the
// keys of the style object, given directly or returned by a callback of the theme.
import { makeStyles, Theme } from '@material-ui/core/styles';

export const useCardStyles = makeStyles(theme => ({
  frame: { padding: theme.spacing(1) },
  heading: { fontWeight: 'bold' },
}));

export const useBoxStyles = makeStyles({
  box: { margin: 0 },
});

// The theme parameter annotated: tsc infers the Theme type parameter from the annotation.
export const usePanelStyles = makeStyles((theme: Theme) => ({
  panel: { margin: theme.spacing(2) },
}));
