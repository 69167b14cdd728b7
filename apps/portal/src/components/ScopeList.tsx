import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { messagesOf } from '../i18n/error-messages';
import { describeScope, scopesToShow } from '../i18n/scopes';

/** What an application may use, one scope a line in plain words (the consent page and connected apps). */
export function ScopeList({ scopes, testId }: { scopes: readonly string[]; testId?: string }) {
  const { i18n } = useTranslation();
  const messages = useMemo(() => messagesOf(i18n), [i18n]);
  return (
    <ul className="scope-list" data-testid={testId}>
      {scopesToShow(scopes).map((scope) => (
        <li key={scope} data-scope={scope}>
          {describeScope(scope, messages)}
        </li>
      ))}
    </ul>
  );
}
