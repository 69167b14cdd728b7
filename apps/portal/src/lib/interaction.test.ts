import { describe, expect, it } from 'vitest';
import { interactionIdOf } from './interaction';

describe('authorization interactions', () => {
  it('finds the interaction an authorization resume path continues', () => {
    expect(interactionIdOf('/oidc/authorize/resume/abc_DEF-123')).toBe('abc_DEF-123');
    expect(interactionIdOf('/oidc/authorize/resume/abc?ui_locales=en')).toBe('abc');
  });

  it('names no interaction for any other path', () => {
    expect(interactionIdOf('/account')).toBeNull();
    expect(interactionIdOf('/oidc/authorize/resume/')).toBeNull();
    expect(interactionIdOf('/oidc/authorize/resume/a/b')).toBeNull();
    expect(interactionIdOf('//evil.example/oidc/authorize/resume/x')).toBeNull();
  });
});
