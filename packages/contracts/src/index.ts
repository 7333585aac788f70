export * from './common.js';
export * from './auth.js';
export * from './people.js';
export * from './messages.js';
export * from './teachers.js';
export * from './agency.js';
export * from './billing.js';
