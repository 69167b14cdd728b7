export { AppError, type ErrorBody, type FieldProblem, invalidRequest, sessionRequired } from './errors.js';
export { errorHandler, notFoundHandler } from './handlers.js';
export { isStateChanging, sameOriginWrites } from './origin.js';
export { readJson, readQuery, zodProblems } from './validate.js';
