import { chooseLanguage, type Language, toLanguage } from '@orbit/ui/i18n';
import { accountLanguageToApply } from '@orbit/ui/shell';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/orbit';
import type { Account } from '../api/types';
import { useSession } from './context';

/** The language the hub writes mail in, for the portal's current language (English when it has none of ours). */
export function mailLocaleOf(language: string | undefined): Language {
  return toLanguage(language ?? '') ?? 'en';
}

/** The language to save on the account when the reader switches to `language`; undefined when it is the same. */
export function localeToSave(language: string, account: Pick<Account, 'locale'>): Language | undefined {
  const locale = toLanguage(language);
  return locale && locale !== account.locale ? locale : undefined;
}

/** The account whose language this page has applied (see `useAccountLanguage`). */
let languageAppliedFor: string | undefined;

/**
 * When a signed-in reader switches the portal's language, the account's mail follows: the choice is saved as the
 * account's language (`PATCH /api/me { locale }`). Only a switch counts, not the language a browser starts in:
 * someone reading on a borrowed English browser keeps their Chinese mail. A failure only leaves the old language.
 */
export function useAccountLanguage(): void {
  const { i18n } = useTranslation();
  const { account, updateAccount } = useSession();
  // And the other way: the account's language follows its owner across Orbit (a service's language menu saves it
  // at the hub too), so when the session loads the portal shows it. Once per account: the answers to the reader's
  // own switches must not switch the page back. It is the account's already: nothing is saved.
  const accountId = account?.id;
  const accountLocale = useRef(account?.locale);
  accountLocale.current = account?.locale;
  useEffect(() => {
    // Once per account and page load, not per mount: the top bar mounts again with pages and the session is read
    // again, and by then the reader may have switched (the save may still be on its way).
    if (!accountId || languageAppliedFor === accountId) return;
    languageAppliedFor = accountId;
    const language = accountLanguageToApply(accountLocale.current, i18n.resolvedLanguage);
    if (language) chooseLanguage(i18n, language);
  }, [accountId, i18n]);
  useEffect(() => {
    if (!account) return;
    const changed = (language: string) => {
      const locale = localeToSave(language, account);
      if (!locale) return;
      api.updateProfile({ locale }).then(updateAccount, () => undefined);
    };
    i18n.on('languageChanged', changed);
    return () => i18n.off('languageChanged', changed);
  }, [i18n, account, updateAccount]);
}
