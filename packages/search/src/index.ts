export { type SearchField, toTsvector, type Weight } from './document.js';
export {
  escapeHtml,
  highlight,
  matchRanges,
  type Range,
  type Segment,
  snippet,
  toHtml,
} from './highlight.js';
export {
  MAX_QUERY_TERMS,
  type ParsedQuery,
  parseQuery,
  type QueryItem,
  type QueryTerm,
  type Sequence,
  toTsquery,
} from './query.js';
export { MAX_TERM_LENGTH, type Token, type TokenKind, terms, tokenize } from './tokenize.js';
