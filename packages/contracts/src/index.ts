/**
 * `@orbit/contracts`: every shape and constant that crosses a process — hub ↔ SDK ↔ portal ↔ service UIs.
 * Depends on nothing but zod, so each side validates with the very schema the other is typed by.
 */
export * from './client.js';
export * from './endpoint.js';
export * from './manifest.js';
