/** `@orbit/sdk/manifest`: the manifest a service declares itself with (from `@orbit/manifest`). */
export * from '@orbit/manifest';
