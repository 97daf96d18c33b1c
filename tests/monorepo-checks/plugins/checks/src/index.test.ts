import request from 'supertest';
export const fine = request;
