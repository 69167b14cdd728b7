import { FRIEND_GROUP_NAME_MAX } from '@orbit/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FriendGroupView, type FriendsAnswer, social } from '../../api/social';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/TextField';
import { moveGroup, ownGroups } from '../../friends/friends';
import { useAction } from '../../lib/use-action';
import { Section } from '../account/Section';
import { useFriendsArea } from './context';
import { Loaded } from './Loaded';

type OwnGroup = FriendGroupView & { id: string };

/**
 * `/friends/groups`: make, rename, order and delete friend groups. "My friends" (the default group) is listed first
 * and stays there; deleting a group moves its friends to it, which the confirmation says.
 */
export function GroupsPage() {
  const area = useFriendsArea();
  return (
    <Loaded load={area.friends} retry={area.retryFriends}>
      {(answer) => <Groups answer={answer} />}
    </Loaded>
  );
}

function Groups({ answer }: { answer: FriendsAnswer }) {
  const { t } = useTranslation();
  const { friendsChanged } = useFriendsArea();
  const [name, setName] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<OwnGroup | null>(null);
  const create = useAction(social.createGroup);
  const change = useAction(async (work: () => Promise<unknown>) => {
    await work();
  });
  const own = ownGroups(answer.groups);
  const ids = own.map((g) => g.id);
  const defaultCount = answer.friends.filter((f) => f.groupId === null || !ids.includes(f.groupId)).length;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    const trimmed = name.trim();
    if (!trimmed) return;
    const result = await create.run(trimmed);
    if (!result.ok) return;
    setName('');
    setDone(t('friends.groups.created', { name: trimmed }));
    await friendsChanged();
  };

  /** Runs one change of the list (move, rename, delete), then loads the groups again. */
  const run = async (work: () => Promise<unknown>, message?: string) => {
    setDone(null);
    const result = await change.run(work);
    if (!result.ok) return false;
    if (message) setDone(message);
    await friendsChanged();
    return true;
  };

  return (
    <>
      <Section title={t('friends.groups.create')}>
        <form className="form friends-inline-form" onSubmit={submit} noValidate>
          <FormError error={create.error} />
          <TextField
            label={t('friends.groups.name')}
            name="groupName"
            testId="group-create-name"
            value={name}
            maxLength={FRIEND_GROUP_NAME_MAX}
            onChange={setName}
          />
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              data-testid="group-create"
              disabled={create.pending || name.trim() === ''}
            >
              {create.pending ? t('friends.groups.creating') : t('friends.groups.createSubmit')}
            </button>
          </div>
        </form>
      </Section>

      <Section title={t('friends.groups.title')} intro={t('friends.groups.intro')}>
        <FormError error={change.error} />
        <div role="status" className="form-status">
          {done && (
            <span className="saved" data-testid="groups-done">
              {done}
            </span>
          )}
        </div>
        <ul className="person-list group-list">
          <li className="person-row group-row" data-testid="group-row" data-group="default">
            <div className="group-text">
              <p className="person-name">
                <span className="person-known">{t('friends.defaultGroup')}</span>
                <span className="friend-group-count" data-testid="group-count">
                  {defaultCount}
                </span>
              </p>
              <p className="friends-note">{t('friends.groups.defaultNote')}</p>
            </div>
          </li>
          {own.map((group, index) =>
            renaming === group.id ? (
              <RenameRow
                key={group.id}
                group={group}
                onCancel={() => setRenaming(null)}
                onRename={async (newName) => {
                  if (await run(() => social.renameGroup(group.id, newName))) setRenaming(null);
                }}
                pending={change.pending}
              />
            ) : (
              <li
                key={group.id}
                className="person-row group-row"
                data-testid="group-row"
                data-group={group.id}
              >
                <div className="group-text">
                  <p className="person-name">
                    <span className="person-known" data-testid="group-name">
                      {group.name}
                    </span>
                    <span className="friend-group-count" data-testid="group-count">
                      {answer.friends.filter((f) => f.groupId === group.id).length}
                    </span>
                  </p>
                </div>
                <div className="row-actions">
                  <button
                    type="button"
                    className="button button-icon"
                    data-testid="group-up"
                    title={t('friends.groups.up')}
                    aria-label={t('friends.groups.upLabel', { name: group.name })}
                    disabled={index === 0 || change.pending}
                    onClick={() => {
                      const order = moveGroup(ids, group.id, -1);
                      if (order) void run(() => social.reorderGroups(order));
                    }}
                  >
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button
                    type="button"
                    className="button button-icon"
                    data-testid="group-down"
                    title={t('friends.groups.down')}
                    aria-label={t('friends.groups.downLabel', { name: group.name })}
                    disabled={index === own.length - 1 || change.pending}
                    onClick={() => {
                      const order = moveGroup(ids, group.id, 1);
                      if (order) void run(() => social.reorderGroups(order));
                    }}
                  >
                    <span aria-hidden="true">↓</span>
                  </button>
                  <button
                    type="button"
                    className="button"
                    data-testid="group-rename"
                    aria-label={t('friends.groups.renameLabel', { name: group.name })}
                    disabled={change.pending}
                    onClick={() => {
                      change.reset();
                      setRenaming(group.id);
                    }}
                  >
                    {t('friends.groups.rename')}
                  </button>
                  <button
                    type="button"
                    className="button button-danger"
                    data-testid="group-delete"
                    aria-label={t('friends.groups.deleteLabel', { name: group.name })}
                    disabled={change.pending}
                    onClick={() => {
                      change.reset();
                      setDeleting(group);
                    }}
                  >
                    {t('friends.groups.delete')}
                  </button>
                </div>
              </li>
            ),
          )}
        </ul>
        {own.length === 0 && (
          <p className="friends-note" data-testid="groups-none">
            {t('friends.groups.none')}
          </p>
        )}
      </Section>

      {deleting && (
        <ConfirmDialog
          title={t('friends.groups.deleteTitle', { name: deleting.name })}
          confirmLabel={t('friends.groups.deleteConfirm')}
          danger
          onConfirm={() => {
            const group = deleting;
            setDeleting(null);
            void run(() => social.deleteGroup(group.id), t('friends.groups.deleted', { name: group.name }));
          }}
          onCancel={() => setDeleting(null)}
        >
          <p>
            {t('friends.groups.deleteBody', {
              count: answer.friends.filter((f) => f.groupId === deleting.id).length,
            })}
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

function RenameRow({
  group,
  pending,
  onRename,
  onCancel,
}: {
  group: OwnGroup;
  pending: boolean;
  onRename: (name: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(group.name ?? '');
  return (
    <li className="person-row group-row" data-testid="group-row" data-group={group.id}>
      <form
        className="form group-rename-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) void onRename(name.trim());
        }}
      >
        <TextField
          label={t('friends.groups.renameLabel', { name: group.name })}
          name="groupName"
          testId="group-rename-name"
          value={name}
          maxLength={FRIEND_GROUP_NAME_MAX}
          onChange={setName}
        />
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            data-testid="group-rename-save"
            disabled={pending || name.trim() === ''}
          >
            {t('friends.groups.renameSubmit')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('friends.groups.cancel')}
          </button>
        </div>
      </form>
    </li>
  );
}
