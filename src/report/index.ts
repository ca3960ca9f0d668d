// The report layer's public face.
export * from './metrics.js';
export * from './report.js';
export * from './markdown.js';
export * from './html.js';
export * from './flowOfFunds.js';
export * from './compliance.js';
export * from './diagram.js';
export * from './fold.js';
export * from './summary.js';
export * from './summaryFiles.js';
