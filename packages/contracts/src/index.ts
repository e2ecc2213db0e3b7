export * from './i18n/index.js';
export * from './process-models.js';
