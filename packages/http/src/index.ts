export { AppError, type ErrorBody, type FieldProblem, invalidRequest, sessionRequired } from './errors.js';
export { errorHandler, notFoundHandler } from './handlers.js';
export { orbitSecureHeaders } from './headers.js';
export { healthRoutes } from './health.js';
export { isStateChanging, sameOriginWrites } from './origin.js';
export { type SpaOptions, spaRoutes } from './spa.js';
export {
  assertStorableText,
  INVALID_TEXT_MESSAGE,
  invalidText,
  invalidTextIn,
  isStorableText,
  refuseInvalidPathText,
} from './text.js';
export { readJson, readQuery, zodProblems } from './validate.js';
