import calc = require('./dist/index');

const n: number = calc(1, 2, { factor: 2 });
// @ts-expect-error calc returns a number
const s: string = calc(1, 2);
const v: string = calc.version;
const settings: calc.Settings = { factor: 3 };
// @ts-expect-error factor is a number
const bad: calc.Settings = { factor: 'x' };

export { n, s, v, settings, bad };
