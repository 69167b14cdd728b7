import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseLanguage } from './init';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from './languages';

/**
 * The language picker of every Orbit top bar: each language named in itself, the choice applied at once and
 * remembered. `label` is the app's own translation of "Language", read by screen readers; `onChoose` runs after
 * the switch (the service shell saves the choice at the hub with it).
 */
export function LanguageSwitcher({
  label,
  onChoose,
}: {
  label: string;
  onChoose?: ((language: Language) => void) | undefined;
}) {
  const { i18n } = useTranslation();
  const id = useId();
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
  return (
    <div className="lang-switch">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <svg className="lang-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm6.9 6h-3a15.7 15.7 0 0 0-1.4-3.6A8 8 0 0 1 18.9 8ZM12 4a14 14 0 0 1 1.9 4h-3.8A14 14 0 0 1 12 4ZM4.3 14a8.2 8.2 0 0 1 0-4h3.4a16.5 16.5 0 0 0 0 4H4.3Zm.8 2h3a15.7 15.7 0 0 0 1.4 3.6A8 8 0 0 1 5.1 16Zm3-8h-3a8 8 0 0 1 4.4-3.6A15.7 15.7 0 0 0 8.1 8ZM12 20a14 14 0 0 1-1.9-4h3.8A14 14 0 0 1 12 20Zm2.3-6H9.7a14.7 14.7 0 0 1 0-4h4.6a14.7 14.7 0 0 1 0 4Zm.3 5.6a15.7 15.7 0 0 0 1.4-3.6h3a8 8 0 0 1-4.4 3.6ZM16.3 14a16.5 16.5 0 0 0 0-4h3.4a8.2 8.2 0 0 1 0 4h-3.4Z"
        />
      </svg>
      <select
        id={id}
        data-testid="lang-switch"
        value={current}
        onChange={(event) => {
          const language = event.target.value;
          if (!isLanguage(language)) return;
          chooseLanguage(i18n, language);
          onChoose?.(language);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
