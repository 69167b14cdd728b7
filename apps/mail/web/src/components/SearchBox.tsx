import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListScope } from '../api/types';

interface SearchBoxProps {
  scope: ListScope;
  q: string;
  /** The folder "This folder" means while the results of an all-mail search are shown. */
  folder: ListScope;
  onSearch: (scope: ListScope, q: string) => void;
}

/** Full-text search, in the folder shown or across all mail (not the trash). */
export function SearchBox({ scope, q, folder, onSearch }: SearchBoxProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const scopeId = useId();
  const [text, setText] = useState(q);
  const [everywhere, setEverywhere] = useState(scope === 'all');

  // The address bar wins: back/forward and folder changes show their own search.
  useEffect(() => setText(q), [q]);
  useEffect(() => setEverywhere(scope === 'all'), [scope]);

  return (
    <search>
      <form
        className="search"
        onSubmit={(event) => {
          event.preventDefault();
          onSearch(everywhere ? 'all' : folder, text.trim());
        }}
      >
        <label htmlFor={inputId} className="visually-hidden">
          {t('list.search')}
        </label>
        <input
          id={inputId}
          type="search"
          className="search-input"
          data-testid="search-input"
          placeholder={t('list.search')}
          value={text}
          maxLength={200}
          onChange={(event) => setText(event.target.value)}
        />
        <label htmlFor={scopeId} className="visually-hidden">
          {t('list.searchIn')}
        </label>
        <select
          id={scopeId}
          className="search-scope"
          data-testid="search-scope"
          value={everywhere ? 'all' : 'here'}
          onChange={(event) => setEverywhere(event.target.value === 'all')}
        >
          <option value="here">{t('list.searchHere')}</option>
          <option value="all">{t('list.searchAll')}</option>
        </select>
        <button type="submit" className="button search-submit" data-testid="search-submit">
          {t('list.searchSubmit')}
        </button>
      </form>
    </search>
  );
}
