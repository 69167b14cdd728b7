import { FRIEND_REMARK_MAX } from '@orbit/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FriendGroupView, type FriendRequestView, social } from '../../api/social';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/TextField';
import { formatDateTime } from '../../i18n/dates';
import { useAction } from '../../lib/use-action';
import { Section } from '../account/Section';
import { useFriendsArea } from './context';
import { GroupChoice, useGroupChoice } from './GroupChoice';
import { Loaded } from './Loaded';
import { MutualFriends, PersonLine } from './PersonLine';

type Answer = 'decline' | 'ignore' | 'withdraw';

/**
 * `/friends/requests`: requests received (their message and mutual friends; accept into a group with an optional
 * remark, decline, or ignore — which the sender isn't told of) and sent (their status; withdraw while waiting).
 */
export function RequestsPage() {
  const { t, i18n } = useTranslation();
  const area = useFriendsArea();
  const language = i18n.resolvedLanguage ?? 'en';
  const [accepting, setAccepting] = useState<FriendRequestView | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const answer = useAction(async (kind: Answer, request: FriendRequestView) => {
    if (kind === 'decline') await social.decline(request.id);
    else if (kind === 'ignore') await social.ignore(request.id);
    else await social.withdraw(request.id);
  });
  const groups = area.friends.status === 'ready' ? area.friends.value.groups : [];

  const respond = async (kind: Answer, request: FriendRequestView) => {
    setDone(null);
    const result = await answer.run(kind, request);
    // Answered elsewhere meanwhile: the list catches up either way.
    await area.requestsChanged();
    if (!result.ok) return;
    const name = request.person.displayName;
    setDone(
      kind === 'decline'
        ? t('friends.requests.declined', { name })
        : kind === 'ignore'
          ? t('friends.requests.ignored', { name })
          : t('friends.requests.withdrawn', { name }),
    );
  };

  return (
    <Loaded load={area.requests} retry={area.retryRequests}>
      {({ received, sent }) => (
        <>
          <div role="status" className="form-status">
            {done && (
              <p className="saved" data-testid="requests-done">
                {done}
              </p>
            )}
          </div>
          <FormError error={answer.error} />
          <Section title={t('friends.requests.receivedTitle')} intro={t('friends.requests.receivedIntro')}>
            {received.length === 0 ? (
              <p className="friends-note" data-testid="requests-received-empty">
                {t('friends.requests.receivedEmpty')}
              </p>
            ) : (
              <ul className="person-list">
                {received.map((request) => (
                  <li
                    key={request.id}
                    className="person-row"
                    data-testid="request-received"
                    data-handle={request.person.handle}
                  >
                    <PersonLine person={request.person}>
                      <RequestMessage message={request.message} />
                      <MutualFriends count={request.mutualFriends} />
                      <p className="friends-note">
                        {t('friends.requests.sentAt', { date: formatDateTime(request.createdAt, language) })}
                      </p>
                    </PersonLine>
                    <div className="row-actions">
                      <button
                        type="button"
                        className="button button-primary"
                        data-testid="request-accept"
                        aria-label={t('friends.requests.acceptLabel', { name: request.person.displayName })}
                        disabled={answer.pending}
                        onClick={() => {
                          setDone(null);
                          setAccepting(request);
                        }}
                      >
                        {t('friends.requests.accept')}
                      </button>
                      <button
                        type="button"
                        className="button"
                        data-testid="request-decline"
                        aria-label={t('friends.requests.declineLabel', { name: request.person.displayName })}
                        disabled={answer.pending}
                        onClick={() => respond('decline', request)}
                      >
                        {t('friends.requests.decline')}
                      </button>
                      <button
                        type="button"
                        className="button button-quiet"
                        data-testid="request-ignore"
                        title={t('friends.requests.ignoreHint')}
                        aria-label={t('friends.requests.ignoreLabel', { name: request.person.displayName })}
                        disabled={answer.pending}
                        onClick={() => respond('ignore', request)}
                      >
                        {t('friends.requests.ignore')}
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <Section title={t('friends.requests.sentTitle')} intro={t('friends.requests.sentIntro')}>
            {sent.length === 0 ? (
              <p className="friends-note" data-testid="requests-sent-empty">
                {t('friends.requests.sentEmpty')}
              </p>
            ) : (
              <ul className="person-list">
                {sent.map((request) => (
                  <li
                    key={request.id}
                    className="person-row"
                    data-testid="request-sent"
                    data-handle={request.person.handle}
                    data-status={request.status}
                  >
                    <PersonLine
                      person={request.person}
                      marks={
                        <span
                          className={`badge request-status request-status-${request.status}`}
                          data-testid="request-status"
                        >
                          {t(`friends.requests.status.${request.status}`)}
                        </span>
                      }
                    >
                      <RequestMessage message={request.message} />
                      <p className="friends-note">
                        {t('friends.requests.sentAt', { date: formatDateTime(request.createdAt, language) })}
                      </p>
                    </PersonLine>
                    {request.status === 'pending' && (
                      <div className="row-actions">
                        <button
                          type="button"
                          className="button"
                          data-testid="request-withdraw"
                          aria-label={t('friends.requests.withdrawLabel', {
                            name: request.person.displayName,
                          })}
                          disabled={answer.pending}
                          onClick={() => respond('withdraw', request)}
                        >
                          {t('friends.requests.withdraw')}
                        </button>
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Section>

          {accepting && (
            <AcceptDialog
              request={accepting}
              groups={groups}
              onCancel={() => setAccepting(null)}
              onAccepted={async () => {
                const name = accepting.person.displayName;
                setAccepting(null);
                setDone(t('friends.requests.accepted', { name }));
                await Promise.all([area.requestsChanged(), area.friendsChanged()]);
              }}
              onGroupCreated={area.friendsChanged}
            />
          )}
        </>
      )}
    </Loaded>
  );
}

function RequestMessage({ message }: { message: string }) {
  const { t } = useTranslation();
  return message ? (
    <blockquote className="request-message" data-testid="request-message">
      {message}
    </blockquote>
  ) : (
    <p className="friends-note request-message-none">{t('friends.requests.noMessage')}</p>
  );
}

/** Accepting: the group to file the new friend in (or a new one) and a remark, both optional. */
function AcceptDialog({
  request,
  groups,
  onCancel,
  onAccepted,
  onGroupCreated,
}: {
  request: FriendRequestView;
  groups: readonly FriendGroupView[];
  onCancel: () => void;
  onAccepted: () => Promise<void>;
  onGroupCreated: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [remark, setRemark] = useState('');
  const choice = useGroupChoice(groups, null, onGroupCreated);
  const accept = useAction(async () => {
    const groupId = await choice.resolve();
    const trimmed = remark.trim();
    return social.accept(request.id, { groupId, ...(trimmed ? { remark: trimmed } : {}) });
  });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (choice.missingName) return;
    const result = await accept.run();
    if (result.ok) await onAccepted();
  };

  return (
    <Dialog
      title={t('friends.requests.acceptTitle', { name: request.person.displayName })}
      onDismiss={onCancel}
      testId="accept-dialog"
    >
      <form className="form" onSubmit={submit} noValidate>
        <div className="dialog-body">
          <PersonLine person={request.person}>
            <RequestMessage message={request.message} />
          </PersonLine>
          <FormError error={accept.error} />
          <GroupChoice choice={choice} label={t('friends.requests.acceptGroup')} testId="accept-group" />
          <TextField
            label={t('friends.requests.acceptRemark')}
            name="remark"
            testId="accept-remark"
            value={remark}
            optional
            maxLength={FRIEND_REMARK_MAX}
            hint={t('friends.requests.acceptRemarkHint')}
            onChange={setRemark}
          />
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" data-testid="accept-cancel" onClick={onCancel}>
            {t('friends.add.cancel')}
          </button>
          <button
            type="submit"
            className="button button-primary"
            data-testid="accept-submit"
            disabled={accept.pending || choice.missingName}
          >
            {accept.pending ? t('friends.requests.accepting') : t('friends.requests.acceptSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
