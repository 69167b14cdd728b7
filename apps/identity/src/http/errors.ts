export { AppError, type ErrorBody, type FieldProblem, invalidRequest, sessionRequired } from '@orbit/http';
