import { FRIEND_ANSWER_MAX, FRIEND_QUESTION_MAX } from '@orbit/contracts';
import type { DiscoverabilityInput, DiscoverabilityView, RequestPolicy } from '../api/social';

/** The "Who can find and add me" form as the reader fills it in. */
export interface DiscoverabilityForm {
  findableByAccountNumber: boolean;
  findableByHandle: boolean;
  findableByEmail: boolean;
  requests: RequestPolicy;
  question: string;
  /** The expected answer: the hub keeps only its hash, so it is never shown; empty keeps the saved one. */
  answer: string;
  suggestable: boolean;
}

export type DiscoverabilityProblem = 'required' | 'tooLong';

export type DiscoverabilityPatch =
  | { ok: true; patch: DiscoverabilityInput }
  | { ok: false; problems: { question?: DiscoverabilityProblem; answer?: DiscoverabilityProblem } };

export const formOf = (saved: DiscoverabilityView): DiscoverabilityForm => ({
  findableByAccountNumber: saved.findableByAccountNumber,
  findableByHandle: saved.findableByHandle,
  findableByEmail: saved.findableByEmail,
  requests: saved.requests,
  question: saved.question ?? '',
  answer: '',
  suggestable: saved.suggestable,
});

/**
 * The `PATCH /api/social/discoverability` body for the form, or what is wrong with it. Asking a question needs the
 * question and an answer; the saved answer is kept when the question stays the same and no new answer is typed,
 * but a new or changed question needs its answer. Choosing another policy leaves the question and answer saved,
 * for switching back.
 */
export function discoverabilityPatch(
  saved: DiscoverabilityView,
  form: DiscoverabilityForm,
): DiscoverabilityPatch {
  const patch: DiscoverabilityInput = {
    findableByAccountNumber: form.findableByAccountNumber,
    findableByHandle: form.findableByHandle,
    findableByEmail: form.findableByEmail,
    requests: form.requests,
    suggestable: form.suggestable,
  };
  if (form.requests !== 'question') return { ok: true, patch };

  const question = form.question.trim();
  const answer = form.answer.trim();
  const problems: { question?: DiscoverabilityProblem; answer?: DiscoverabilityProblem } = {};
  if (!question) problems.question = 'required';
  else if (question.length > FRIEND_QUESTION_MAX) problems.question = 'tooLong';
  const keepsAnswer = saved.question !== null && saved.question === question;
  if (!answer && !keepsAnswer) problems.answer = 'required';
  else if (answer.length > FRIEND_ANSWER_MAX) problems.answer = 'tooLong';
  if (problems.question || problems.answer) return { ok: false, problems };

  return { ok: true, patch: { ...patch, question, ...(answer ? { answer } : {}) } };
}
