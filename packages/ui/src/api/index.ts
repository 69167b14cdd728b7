export { ApiError, type FieldProblem, fieldProblems, NetworkError, toApiError } from './errors';
export { fetchJson, type JsonRequest } from './fetch-json';
