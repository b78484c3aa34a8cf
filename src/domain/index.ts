// The pure domain layer: rules only, no I/O, no clock reads. Import from here.
export * from './categories.js';
export * from './severity.js';
export * from './first-response-clock.js';
export * from './case-reference.js';
export * from './case-lifecycle.js';
export { checkClosing } from './closing-guards.js';
export * from './queue-order.js';
export * from './access-policy.js';
