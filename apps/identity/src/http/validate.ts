export { readJson, readQuery, zodProblems } from '@orbit/http';
