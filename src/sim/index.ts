// The simulation kernel's public face.
export * from './eventQueue.js';
export * from './random.js';
export * from './ids.js';
export * from './time.js';
export * from './trace.js';
export * from './pricePath.js';
export * from './latency.js';
export * from './messenger.js';
