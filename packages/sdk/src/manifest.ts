/** `@orbit/sdk/manifest`: the manifest a service declares itself with (from `@orbit/contracts`). */
export * from '@orbit/contracts';
