export { limitBody } from './body-limit.js';
export {
  type EndpointHandler,
  type EndpointRoutesOptions,
  endpointRoutes,
  localPath,
  type RouteMiddleware,
  readInput,
} from './endpoint.js';
export { AppError, type ErrorBody, type FieldProblem, invalidRequest, sessionRequired } from './errors.js';
export { errorHandler, isDatabaseUnavailable, notFoundHandler, unavailableResponse } from './handlers.js';
export { orbitSecureHeaders } from './headers.js';
export { healthRoutes } from './health.js';
export {
  type OpenApiDocument,
  type OpenApiInfo,
  type OpenApiOptions,
  openApiDocument,
  openApiPath,
  openApiRoute,
  type RouteEntry,
  undeclaredRoutes,
} from './openapi.js';
export { isStateChanging, sameOriginWrites } from './origin.js';
export { type SpaOptions, spaRoutes } from './spa.js';
export {
  type ClosableServer,
  closeServer,
  STOP_LIMIT_MS,
  type StopOnSignalsOptions,
  stopOnSignals,
} from './stop.js';
export {
  assertStorableText,
  INVALID_TEXT_MESSAGE,
  invalidText,
  invalidTextIn,
  isStorableText,
  refuseInvalidPathText,
} from './text.js';
export { readJson, readQuery, zodProblems } from './validate.js';
