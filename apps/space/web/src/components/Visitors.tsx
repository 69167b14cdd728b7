import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/space';
import type { Visitor } from '../api/types';
import { useApp } from '../lib/app-context';
import { useErrorText } from '../lib/use-error-text';
import { TimeAgo } from './Comments';
import { PersonLink, usePersonName } from './Person';
import { ErrorState, Loading } from './States';

/** 最近访客: who came to one's own space lately, each removable, and a way to clear them all. */
export function Visitors() {
  const { t } = useTranslation();
  const { notify } = useApp();
  const describe = useErrorText();
  const name = usePersonName();
  const [visitors, setVisitors] = useState<Visitor[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    setError(null);
    api.visitors().then(setVisitors, setError);
  }, []);
  useEffect(load, [load]);

  const act = async (action: () => Promise<void>) => {
    try {
      await action();
      load();
    } catch (caught) {
      notify(describe(caught), 'error');
    }
  };

  return (
    <section className="card side-card" aria-labelledby="visitors-title" data-testid="visitors">
      <div className="row">
        <h2 id="visitors-title">{t('space.visitors')}</h2>
        {visitors && visitors.length > 0 && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              if (window.confirm(t('space.visitorsClearConfirm'))) void act(api.clearVisitors);
            }}
          >
            {t('space.visitorsClear')}
          </button>
        )}
      </div>
      {error != null && <ErrorState error={error} retry={load} />}
      {!visitors && !error && <Loading />}
      {visitors?.length === 0 && <p className="muted small">{t('space.visitorsEmpty')}</p>}
      {visitors && visitors.length > 0 && (
        <ul className="visitor-list">
          {visitors.map((visitor) => (
            <li key={visitor.person.sub} data-testid="visitor">
              <PersonLink person={visitor.person} />
              <span className="muted small">
                <TimeAgo iso={visitor.lastVisitAt} /> · {t('space.visits', { count: visitor.visitCount })}
              </span>
              <button
                type="button"
                className="icon-button"
                aria-label={t('space.visitorRemove', { name: name(visitor.person) })}
                onClick={() => void act(() => api.removeVisitor(visitor.person.sub))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
