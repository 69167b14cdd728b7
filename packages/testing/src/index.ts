/** `@orbit/testing`: a real hub and real services inside a test, and an HTTP browser to sign in with. */
export { signIn, signOut, signUp, TEST_PASSWORD, type TestAccount, uniqueHandle } from './accounts.js';
export { HttpBrowser, type Navigation } from './http-browser.js';
export { type LaunchedHub, type LaunchHubOptions, launchHub } from './hub.js';
export { freePort } from './ports.js';
export { registerService } from './register.js';
export { type ServedApp, serveApp } from './serve.js';
