// The money layer's public face.
export * from './asset.js';
export * from './amount.js';
export * from './rate.js';
export * from './fine.js';
export * from './duration.js';
