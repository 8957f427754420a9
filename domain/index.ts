export * from './shared/errors.js';
export * from './shared/ids.js';
export * from './appointment/index.js';
export * from './patient/index.js';
export * from './shared/money.js';
