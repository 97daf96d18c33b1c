'use strict';
exports.wrap = (value) => ({ value });
exports.plain = (value) => value * 2;
exports.Holder = class Holder { constructor(value) { this.value = value; } };
