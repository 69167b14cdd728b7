import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PersonCard, social } from '../../api/social';
import { FormError } from '../../components/FormError';
import { formatDate, formatDateTime } from '../../i18n/dates';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { Section } from '../account/Section';
import { useFriendsArea } from './context';
import { Loaded } from './Loaded';
import { PersonLine } from './PersonLine';

/** `/friends/blocked`: the people the viewer blocked and muted, each with its way back (unblock, unmute). */
export function BlockedPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const area = useFriendsArea();
  const blocks = useLoad(social.blocks, area.accountId);
  const mutes = useLoad(social.mutes, area.accountId);
  const [done, setDone] = useState<string | null>(null);
  const lift = useAction(async (kind: 'unblock' | 'unmute', person: PersonCard) => {
    if (kind === 'unblock') await social.unblock(person.id);
    else await social.unmute(person.id);
  });

  const run = async (kind: 'unblock' | 'unmute', person: PersonCard) => {
    setDone(null);
    const result = await lift.run(kind, person);
    if (!result.ok) return;
    const name = person.displayName;
    setDone(
      kind === 'unblock' ? t('friends.blocked.unblocked', { name }) : t('friends.blocked.unmuted', { name }),
    );
    await Promise.all([kind === 'unblock' ? blocks.reload() : mutes.reload(), area.friendsChanged()]);
  };

  return (
    <>
      <FormError error={lift.error} />
      <div role="status" className="form-status">
        {done && (
          <p className="saved" data-testid="blocked-done">
            {done}
          </p>
        )}
      </div>
      <Section title={t('friends.blocked.blocksTitle')} intro={t('friends.blocked.blocksIntro')}>
        <Loaded load={blocks.state} retry={blocks.retry}>
          {(list) =>
            list.length === 0 ? (
              <p className="friends-note" data-testid="blocks-empty">
                {t('friends.blocked.blocksEmpty')}
              </p>
            ) : (
              <ul className="person-list">
                {list.map(({ person, since }) => (
                  <li
                    key={person.id}
                    className="person-row"
                    data-testid="block-row"
                    data-handle={person.handle}
                  >
                    <PersonLine person={person}>
                      <p className="friends-note">
                        {t('friends.blocked.since', { date: formatDate(since, language) })}
                      </p>
                    </PersonLine>
                    <div className="row-actions">
                      <button
                        type="button"
                        className="button"
                        data-testid="unblock"
                        aria-label={t('friends.blocked.unblockLabel', { name: person.displayName })}
                        disabled={lift.pending}
                        onClick={() => run('unblock', person)}
                      >
                        {t('friends.blocked.unblock')}
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </Section>
      <Section title={t('friends.blocked.mutesTitle')} intro={t('friends.blocked.mutesIntro')}>
        <Loaded load={mutes.state} retry={mutes.retry}>
          {(list) =>
            list.length === 0 ? (
              <p className="friends-note" data-testid="mutes-empty">
                {t('friends.blocked.mutesEmpty')}
              </p>
            ) : (
              <ul className="person-list">
                {list.map(({ person, until }) => (
                  <li
                    key={person.id}
                    className="person-row"
                    data-testid="mute-row"
                    data-handle={person.handle}
                  >
                    <PersonLine person={person}>
                      <p className="friends-note">
                        {until
                          ? t('friends.blocked.until', { date: formatDateTime(until, language) })
                          : t('friends.blocked.forever')}
                      </p>
                    </PersonLine>
                    <div className="row-actions">
                      <button
                        type="button"
                        className="button"
                        data-testid="unmute"
                        aria-label={t('friends.blocked.unmuteLabel', { name: person.displayName })}
                        disabled={lift.pending}
                        onClick={() => run('unmute', person)}
                      >
                        {t('friends.blocked.unmute')}
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </Section>
    </>
  );
}
