import express from 'express';
import { readFileSync } from 'fs';
import { join } from 'node:path';
import { z } from 'zod';
import request from 'supertest';
import { one, two, three } from './lib';
import { helper } from './missing';
export * from './lib/a';
export * from './lib/b';

export const values = [one, two, three, helper, z, request, express, readFileSync, join];
export { one };
export { one as two, one };
export function total(numbers: number[]) {
  return numbers.reduce((sum, n) => sum + n, 0);
}
