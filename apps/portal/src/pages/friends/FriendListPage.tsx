import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type FriendsAnswer, type FriendView, social } from '../../api/social';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/FormError';
import { friendName, groupFriends, matchesFilter, tabPath } from '../../friends/friends';
import { useAction } from '../../lib/use-action';
import { profilePath } from '../../profile/profile';
import { useFriendsArea } from './context';
import { FriendDialog } from './FriendDialog';
import { Loaded } from './Loaded';
import { PersonLine } from './PersonLine';

type Confirming = { kind: 'remove' | 'block'; friend: FriendView };

/**
 * `/friends`: the friends by group (the default group, "My friends", first; each group folds away and says how many
 * it holds), special care first in each. Each friend opens a dialog to set a remark, move them, mark special care,
 * mute them, or remove or block them (both asked first).
 */
export function FriendListPage() {
  const area = useFriendsArea();
  return (
    <Loaded load={area.friends} retry={area.retryFriends}>
      {(answer) => <FriendList answer={answer} />}
    </Loaded>
  );
}

function FriendList({ answer }: { answer: FriendsAnswer }) {
  const { t, i18n } = useTranslation();
  const { friendsChanged, requestsChanged } = useFriendsArea();
  const filterId = useId();
  const [filter, setFilter] = useState('');
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  const [managing, setManaging] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const act = useAction(({ kind, friend }: Confirming) =>
    kind === 'remove' ? social.removeFriend(friend.id) : social.block(friend.id),
  );

  if (answer.friends.length === 0) {
    return (
      <div className="card friends-empty" data-testid="friends-empty">
        {done && (
          <p role="status" className="saved" data-testid="friends-done">
            {done}
          </p>
        )}
        <p>{t('friends.list.empty')}</p>
        <Link to={tabPath('add')} className="button button-primary" data-testid="friends-empty-add">
          {t('friends.list.emptyAction')}
        </Link>
      </div>
    );
  }

  const sections = groupFriends(answer, i18n.resolvedLanguage ?? 'en');
  const filtering = filter.trim() !== '';
  const shown = sections.map((s) => ({ ...s, friends: s.friends.filter((f) => matchesFilter(f, filter)) }));
  const matches = shown.reduce((n, s) => n + s.friends.length, 0);
  const managed = managing ? answer.friends.find((f) => f.id === managing) : undefined;

  const confirm = async () => {
    if (!confirming) return;
    const { kind, friend } = confirming;
    setConfirming(null);
    setDone(null);
    const result = await act.run(confirming);
    if (!result.ok) return;
    const name = friendName(friend);
    setDone(kind === 'remove' ? t('friends.remove.done', { name }) : t('friends.block.done', { name }));
    await Promise.all([friendsChanged(), kind === 'block' ? requestsChanged() : undefined]);
  };

  return (
    <div className="card friends-list-card">
      <h2 className="visually-hidden">{t('friends.pageTitle.friends')}</h2>
      <div className="field friends-filter">
        <label htmlFor={filterId} className="visually-hidden">
          {t('friends.list.filter')}
        </label>
        <input
          id={filterId}
          type="search"
          value={filter}
          placeholder={t('friends.list.filterPlaceholder')}
          data-testid="friends-filter"
          autoCapitalize="none"
          spellCheck={false}
          onChange={(event) => setFilter(event.target.value)}
        />
      </div>
      <FormError error={act.error} />
      <div role="status" className="form-status">
        {done && (
          <span className="saved" data-testid="friends-done">
            {done}
          </span>
        )}
      </div>
      {filtering && matches === 0 && (
        <p className="friends-note">{t('friends.list.noMatch', { filter: filter.trim() })}</p>
      )}
      <div className="friend-groups">
        {shown.map(({ group, friends }) => {
          const key = group.id ?? 'default';
          // While filtering, groups without a match are left out and the others are open.
          if (filtering && friends.length === 0) return null;
          const open = filtering || !folded.has(key);
          const name = group.name ?? t('friends.defaultGroup');
          return (
            <details
              key={key}
              className="friend-group"
              open={open}
              data-testid="friend-group"
              data-group={key}
              data-name={name}
              onToggle={(event) => {
                if (filtering) return;
                const isOpen = event.currentTarget.open;
                setFolded((current) => {
                  if (isOpen !== current.has(key)) return current;
                  const next = new Set(current);
                  if (isOpen) next.delete(key);
                  else next.add(key);
                  return next;
                });
              }}
            >
              <summary className="friend-group-summary">
                <span className="friend-group-name">{name}</span>
                <span
                  className="friend-group-count"
                  data-testid="friend-group-count"
                  data-count={friends.length}
                >
                  <span aria-hidden="true">{friends.length}</span>
                  <span className="visually-hidden">
                    {t('friends.list.count', { count: friends.length })}
                  </span>
                </span>
              </summary>
              {friends.length === 0 ? (
                <p className="friends-note friend-group-empty">{t('friends.list.groupEmpty')}</p>
              ) : (
                <ul className="person-list">
                  {friends.map((friend) => (
                    <FriendRow key={friend.id} friend={friend} onManage={() => setManaging(friend.id)} />
                  ))}
                </ul>
              )}
            </details>
          );
        })}
      </div>

      {managed && (
        <FriendDialog
          friend={managed}
          groups={answer.groups}
          onClose={() => setManaging(null)}
          onChanged={friendsChanged}
          onRemove={() => {
            setManaging(null);
            act.reset();
            setConfirming({ kind: 'remove', friend: managed });
          }}
          onBlock={() => {
            setManaging(null);
            act.reset();
            setConfirming({ kind: 'block', friend: managed });
          }}
        />
      )}
      {confirming?.kind === 'remove' && (
        <ConfirmDialog
          title={t('friends.remove.title', { name: friendName(confirming.friend) })}
          confirmLabel={t('friends.remove.confirm')}
          danger
          onConfirm={confirm}
          onCancel={() => setConfirming(null)}
        >
          <p>{t('friends.remove.body')}</p>
        </ConfirmDialog>
      )}
      {confirming?.kind === 'block' && (
        <ConfirmDialog
          title={t('friends.block.title', { name: friendName(confirming.friend) })}
          confirmLabel={t('friends.block.confirm')}
          danger
          onConfirm={confirm}
          onCancel={() => setConfirming(null)}
        >
          <BlockExplained />
        </ConfirmDialog>
      )}
    </div>
  );
}

/** What a block does, for the dialog that asks first. */
export function BlockExplained() {
  const { t } = useTranslation();
  return (
    <>
      <p>{t('friends.block.intro')}</p>
      <ul className="block-effects" data-testid="block-effects">
        <li>{t('friends.block.unfriends')}</li>
        <li>{t('friends.block.requests')}</li>
        <li>{t('friends.block.search')}</li>
        <li>{t('friends.block.services')}</li>
      </ul>
      <p>{t('friends.block.undo')}</p>
    </>
  );
}

function FriendRow({ friend, onManage }: { friend: FriendView; onManage: () => void }) {
  const { t } = useTranslation();
  const name = friendName(friend);
  return (
    <li
      className="person-row"
      data-testid="friend-row"
      data-handle={friend.handle}
      data-special-care={friend.specialCare ? 'true' : 'false'}
      data-muted={friend.muted ? 'true' : 'false'}
    >
      <PersonLine
        person={friend}
        remark={friend.remark}
        to={profilePath(friend.accountNumber)}
        marks={
          friend.specialCare && (
            <span className="special-care" title={t('friends.list.specialCare')}>
              <span aria-hidden="true">★</span>
              <span className="visually-hidden">{t('friends.list.specialCare')}</span>
            </span>
          )
        }
      >
        {friend.muted && <span className="badge badge-muted">{t('friends.list.muted')}</span>}
      </PersonLine>
      <div className="row-actions">
        <button
          type="button"
          className="button"
          data-testid="friend-manage"
          aria-label={t('friends.list.manageLabel', { name })}
          onClick={onManage}
        >
          {t('friends.list.manage')}
        </button>
      </div>
    </li>
  );
}
