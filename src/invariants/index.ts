// The invariants kit's public face.
export * from './records.js';
export * from './invariants.js';
export * from './expressions.js';
export * from './determinism.js';
