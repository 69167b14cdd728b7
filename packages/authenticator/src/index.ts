/** `@orbit/authenticator`: a software WebAuthn authenticator for server-side tests. */
export * from './webauthn.js';
