export * from './common.js';
export * from './auth.js';
export * from './people.js';
export * from './messages.js';
