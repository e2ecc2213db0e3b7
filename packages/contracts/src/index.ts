export * from './i18n/index.js';
export * from './case-types.js';
export * from './cases.js';
export * from './auth.js';
export * from './process-models.js';
export * from './org.js';
export * from './navigator.js';
export * from './errors.js';
