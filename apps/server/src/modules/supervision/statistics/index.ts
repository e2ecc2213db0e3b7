// The statistics of supervision sampling: pure functions, no I/O.
export * from '../../../platform/statistics/proportion-intervals.js';
export * from './design.js';
export * from './estimates.js';
export * from './sampler.js';
