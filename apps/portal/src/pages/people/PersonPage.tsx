import { ApiError } from '@orbit/ui/api';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { type ProfileView, privacy } from '../../api/privacy';
import { type PersonResult, social } from '../../api/social';
import { Avatar } from '../../components/Avatar';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { standingOf } from '../../friends/friends';
import { formatDate } from '../../i18n/dates';
import { signInPathFor } from '../../lib/return-to';
import { useLoad } from '../../lib/use-load';
import { profilePath, resultOf } from '../../profile/profile';
import { useSession } from '../../session/context';
import { AddDialog } from '../friends/AddFriendsPage';
import { MutualFriends } from '../friends/PersonLine';

/**
 * `/u/<account number>`: a profile as the visitor may see it (signed out too) — the picture, name, handle and
 * number, then each field the owner lets them see (absent ones are simply not there). A signed-in visitor gets the
 * relationship's action: Add friend (the Friends page's dialog), "Asked", or a Friends badge. The owner is told
 * this is how others see it, with the way to the privacy settings. No such account (or one that blocked the
 * visitor): "No such account".
 */
export function PersonPage() {
  const { accountNumber = '' } = useParams();
  const { state: session, account } = useSession();
  const ready = session.status !== 'loading';
  const load = useLoad(
    () => (ready ? privacy.profile(accountNumber) : new Promise<never>(() => {})),
    `${accountNumber}:${ready ? (account?.id ?? 'out') : 'loading'}`,
  );
  const { t } = useTranslation();

  if (load.state.status === 'loading') return <Loading label={t('profile.loading')} />;
  if (load.state.status === 'error') {
    if (load.state.error instanceof ApiError && load.state.error.status === 404) {
      return <NoSuchAccount accountNumber={accountNumber} />;
    }
    return (
      <div className="page-narrow message-page">
        <FormError error={load.state.error} />
        <button type="button" className="button" onClick={load.retry}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
  return <Profile profile={load.state.value} onChanged={load.reload} />;
}

function NoSuchAccount({ accountNumber }: { accountNumber: string }) {
  const { t } = useTranslation();
  return (
    <div className="page-narrow message-page" data-testid="profile-not-found">
      <PageTitle page={t('profile.notFound.title')} />
      <h1>{t('profile.notFound.title')}</h1>
      <p>{t('profile.notFound.body', { number: accountNumber })}</p>
      <Link className="button" to="/">
        {t('profile.notFound.home')}
      </Link>
    </div>
  );
}

function Profile({ profile, onChanged }: { profile: ProfileView; onChanged: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const { person } = profile;
  const facts: Array<{ key: string; label: string; value: string }> = [];
  const given = (value: string | null | undefined) => (value ? value : t('profile.notGiven'));
  if (profile.email !== undefined)
    facts.push({ key: 'email', label: t('profile.fields.email'), value: given(profile.email) });
  if (profile.birthday !== undefined) {
    facts.push({
      key: 'birthday',
      label: t('profile.fields.birthday'),
      value: profile.birthday ? formatDate(`${profile.birthday}T12:00:00`, language) : t('profile.notGiven'),
    });
  }
  if (profile.location !== undefined) {
    facts.push({ key: 'location', label: t('profile.fields.location'), value: given(profile.location) });
  }
  if (profile.gender !== undefined) {
    facts.push({
      key: 'gender',
      label: t('profile.fields.gender'),
      value: profile.gender ? t(`profile.gender.${profile.gender}`) : t('profile.notGiven'),
    });
  }
  if (profile.counts !== undefined) {
    facts.push({
      key: 'friends',
      label: t('profile.fields.friends'),
      value: t('profile.friendCount', { count: profile.counts.friends }),
    });
  }

  return (
    <div
      className="page-wide profile-page"
      data-testid="profile-page"
      data-self={profile.self ? 'true' : 'false'}
    >
      <PageTitle page={t('profile.pageTitle', { name: person.displayName })} />
      {profile.self && (
        <p className="profile-self-note" data-testid="profile-self-note">
          {t('profile.selfNote')}{' '}
          <Link to="/account/privacy#profile-visibility" data-testid="profile-privacy-link">
            {t('profile.privacyLink')}
          </Link>
        </p>
      )}
      <section className="card profile-card">
        <div className="profile-head">
          <Avatar account={{ displayName: person.displayName, avatarUrl: person.picture }} size="lg" />
          <div className="profile-who">
            <h1 className="profile-name" data-testid="profile-name">
              {person.displayName}
            </h1>
            <p className="person-facts">
              <span data-testid="profile-handle">
                {t('friends.person.handle', { handle: person.handle })}
              </span>
              <span data-testid="profile-number">
                {t('friends.person.accountNumber', { number: person.accountNumber })}
              </span>
            </p>
            {profile.mutualFriends !== null && profile.mutualFriends > 0 && (
              <MutualFriends count={profile.mutualFriends} />
            )}
          </div>
          <ProfileActions profile={profile} onChanged={onChanged} />
        </div>
        {profile.bio !== undefined && profile.bio.trim() !== '' && (
          <p className="profile-bio" data-testid="profile-bio">
            {profile.bio}
          </p>
        )}
        {facts.length > 0 && (
          <dl className="profile-facts">
            {facts.map((fact) => (
              <div key={fact.key} className="profile-fact" data-testid={`profile-${fact.key}`}>
                <dt>{fact.label}</dt>
                <dd>{fact.value}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      {profile.friends !== undefined && (
        <section className="card profile-friends" data-testid="profile-friends-list">
          <h2>{t('profile.friendsListTitle')}</h2>
          {profile.friends.shown.length === 0 ? (
            <p className="friends-note">{t('profile.noFriends')}</p>
          ) : (
            <ul className="profile-friend-grid">
              {profile.friends.shown.map((friend) => (
                <li key={friend.id}>
                  <Link
                    to={profilePath(friend.accountNumber)}
                    className="profile-friend"
                    data-testid="profile-friend"
                  >
                    <Avatar
                      account={{ displayName: friend.displayName, avatarUrl: friend.picture }}
                      size="sm"
                    />
                    <span>{friend.displayName}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {profile.friends.total > profile.friends.shown.length && (
            <p className="friends-note">
              {t('profile.friendsMore', { count: profile.friends.total - profile.friends.shown.length })}
            </p>
          )}
        </section>
      )}
    </div>
  );
}

/** What a signed-in visitor can do: add them (or accept their request), or see that they asked or are friends. */
function ProfileActions({ profile, onChanged }: { profile: ProfileView; onChanged: () => Promise<void> }) {
  const { t } = useTranslation();
  const { account } = useSession();
  const location = useLocation();
  const [adding, setAdding] = useState<PersonResult | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // The groups to file them in: only once the dialog opens.
  const groups = useLoad(
    () => (adding ? social.friends() : Promise.resolve(null)),
    adding ? 'open' : 'closed',
  );

  if (profile.self) {
    return (
      <div className="profile-actions">
        <Link to="/account/profile" className="button" data-testid="profile-edit">
          {t('profile.edit')}
        </Link>
      </div>
    );
  }
  if (!account) {
    return (
      <div className="profile-actions">
        <p className="friends-note" data-testid="profile-sign-in">
          {t('profile.actions.signIn', { name: profile.person.displayName })}{' '}
          <Link to={signInPathFor(location.pathname)}>{t('profile.actions.signInLink')}</Link>
        </p>
      </div>
    );
  }
  const result = resultOf(profile);
  if (!result) return null;
  const standing = standingOf(result);

  return (
    <div className="profile-actions" data-testid="profile-actions" data-standing={standing}>
      {standing === 'open' || standing === 'requestedBy' ? (
        <button
          type="button"
          className="button button-primary"
          data-testid="profile-add"
          onClick={() => {
            setDone(null);
            setAdding(result);
          }}
        >
          {standing === 'requestedBy' ? t('profile.actions.accept') : t('profile.actions.add')}
        </button>
      ) : (
        <span className={`badge standing standing-${standing}`} data-testid="profile-standing">
          {t(`profile.actions.${standing === 'requested' ? 'asked' : standing}`)}
        </span>
      )}
      <div role="status" className="form-status">
        {done && (
          <span className="saved" data-testid="profile-done">
            {done}
          </span>
        )}
      </div>
      {adding && (
        <AddDialog
          result={adding}
          groups={groups.state.status === 'ready' ? (groups.state.value?.groups ?? []) : []}
          displayName={account.displayName}
          onCancel={() => setAdding(null)}
          onSent={async (answer) => {
            const name = adding.person.displayName;
            setAdding(null);
            setDone(answer.friend ? t('friends.add.friendsNow', { name }) : t('friends.add.sent', { name }));
            await onChanged();
          }}
          onGroupCreated={groups.reload}
        />
      )}
    </div>
  );
}
