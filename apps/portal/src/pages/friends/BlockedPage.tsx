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
          {(list) => (
            <PeopleList
              kind="block"
              empty={t('friends.blocked.blocksEmpty')}
              rows={list.map(({ person, since }) => ({
                person,
                note: t('friends.blocked.since', { date: formatDate(since, language) }),
              }))}
              action={t('friends.blocked.unblock')}
              actionLabel={(name) => t('friends.blocked.unblockLabel', { name })}
              busy={lift.pending}
              onAction={(person) => run('unblock', person)}
            />
          )}
        </Loaded>
      </Section>
      <Section title={t('friends.blocked.mutesTitle')} intro={t('friends.blocked.mutesIntro')}>
        <Loaded load={mutes.state} retry={mutes.retry}>
          {(list) => (
            <PeopleList
              kind="mute"
              empty={t('friends.blocked.mutesEmpty')}
              rows={list.map(({ person, until }) => ({
                person,
                note: until
                  ? t('friends.blocked.until', { date: formatDateTime(until, language) })
                  : t('friends.blocked.forever'),
              }))}
              action={t('friends.blocked.unmute')}
              actionLabel={(name) => t('friends.blocked.unmuteLabel', { name })}
              busy={lift.pending}
              onAction={(person) => run('unmute', person)}
            />
          )}
        </Loaded>
      </Section>
    </>
  );
}

/** The blocked or the muted: each person with a note and the way back (`un<kind>`), or what to say when none. */
function PeopleList({
  kind,
  empty,
  rows,
  action,
  actionLabel,
  busy,
  onAction,
}: {
  kind: 'block' | 'mute';
  empty: string;
  rows: { person: PersonCard; note: string }[];
  action: string;
  actionLabel: (name: string) => string;
  busy: boolean;
  onAction: (person: PersonCard) => void;
}) {
  if (rows.length === 0) {
    return (
      <p className="friends-note" data-testid={`${kind}s-empty`}>
        {empty}
      </p>
    );
  }
  return (
    <ul className="person-list">
      {rows.map(({ person, note }) => (
        <li key={person.id} className="person-row" data-testid={`${kind}-row`} data-handle={person.handle}>
          <PersonLine person={person}>
            <p className="friends-note">{note}</p>
          </PersonLine>
          <div className="row-actions">
            <button
              type="button"
              className="button"
              data-testid={`un${kind}`}
              aria-label={actionLabel(person.displayName)}
              disabled={busy}
              onClick={() => onAction(person)}
            >
              {action}
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
