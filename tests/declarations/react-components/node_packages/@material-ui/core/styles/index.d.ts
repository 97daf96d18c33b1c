export { default as makeStyles } from './makeStyles';
export * from './withStyles';
export { Theme } from './createTheme';
