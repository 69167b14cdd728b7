import { describe, expect, it } from 'vitest';
import type { DiscoverabilityView } from '../api/social';
import { discoverabilityPatch, formOf } from './discoverability';

const open: DiscoverabilityView = {
  findableByAccountNumber: true,
  findableByHandle: true,
  findableByEmail: false,
  requests: 'anyone',
  question: null,
  suggestable: true,
};

const asking: DiscoverabilityView = { ...open, requests: 'question', question: 'Our school?' };

describe('the discoverability form', () => {
  it('starts from what is saved, with no answer shown', () => {
    expect(formOf(asking)).toEqual({ ...asking, question: 'Our school?', answer: '' });
    expect(formOf(open).question).toBe('');
  });

  it('sends the toggles and the policy, leaving a saved question alone for another policy', () => {
    const form = {
      ...formOf(asking),
      requests: 'nobody' as const,
      findableByEmail: true,
      suggestable: false,
    };
    expect(discoverabilityPatch(asking, form)).toEqual({
      ok: true,
      patch: {
        findableByAccountNumber: true,
        findableByHandle: true,
        findableByEmail: true,
        requests: 'nobody',
        suggestable: false,
      },
    });
  });

  it('asks for the question and its answer when switching to a question', () => {
    const form = { ...formOf(open), requests: 'question' as const };
    expect(discoverabilityPatch(open, form)).toEqual({
      ok: false,
      problems: { question: 'required', answer: 'required' },
    });
    const filled = { ...form, question: '  Our school? ', answer: ' Orbit High ' };
    expect(discoverabilityPatch(open, filled)).toEqual({
      ok: true,
      patch: { ...open, requests: 'question', question: 'Our school?', answer: 'Orbit High' },
    });
  });

  it('keeps the saved answer while the question stays, but wants one for a changed question', () => {
    const same = formOf(asking);
    expect(discoverabilityPatch(asking, same)).toEqual({
      ok: true,
      patch: { ...open, requests: 'question', question: 'Our school?' },
    });
    const changed = { ...same, question: 'Our town?' };
    expect(discoverabilityPatch(asking, changed)).toEqual({ ok: false, problems: { answer: 'required' } });
  });

  it('refuses a question or answer longer than the hub takes', () => {
    const form = {
      ...formOf(open),
      requests: 'question' as const,
      question: 'q'.repeat(101),
      answer: 'a'.repeat(51),
    };
    expect(discoverabilityPatch(open, form)).toEqual({
      ok: false,
      problems: { question: 'tooLong', answer: 'tooLong' },
    });
  });
});
