export { type DeviceCookie, deviceCookie } from './device-cookie.js';
export type { DeviceEntry } from './device-trust.js';
export { type SignInExports, signInModule } from './module.js';
export { credentialResponse } from './routes.js';
export type { createPasswordSignIn, SignInAttempt } from './sign-in.js';
export type { SignUpLimit } from './sign-up-limit.js';
export type { Throttle } from './throttle.js';
