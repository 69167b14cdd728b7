import { FRIEND_ANSWER_MAX, FRIEND_REQUEST_MESSAGE_MAX } from '@orbit/contracts';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FriendGroupView, type PersonResult, social } from '../../api/social';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/TextField';
import { canAdd, standingOf } from '../../friends/friends';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { Section } from '../account/Section';
import { useFriendsArea } from './context';
import { GroupChoice, useGroupChoice } from './GroupChoice';
import { Loaded } from './Loaded';
import { MutualFriends, PersonLine } from './PersonLine';

type Sent = Awaited<ReturnType<typeof social.sendRequest>>;

/** The result as it stands after a request was sent to them: asked, or friends at once when they had asked too. */
function afterSending(result: PersonResult, sent: Sent): PersonResult {
  return {
    ...result,
    relationship: sent.friend
      ? { ...result.relationship, friend: true, requestedBy: false, groupId: sent.friend.groupId }
      : { ...result.relationship, requested: true },
  };
}

/**
 * `/friends/add`: find someone by account number, @handle or email (exact matches only, as each person allows), with
 * how the viewer stands with them and their mutual friends; then "People you may know". "Add" asks for a message,
 * the group to file them in, and the answer to their question when they ask one.
 */
export function AddFriendsPage() {
  const { t } = useTranslation();
  const area = useFriendsArea();
  const searchId = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<PersonResult[] | null>(null);
  const [adding, setAdding] = useState<PersonResult | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const search = useAction(social.search);
  const suggestions = useLoad(social.suggestions, area.accountId);
  const groups = area.friends.status === 'ready' ? area.friends.value.groups : [];

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = query.trim();
    if (!q) return;
    setDone(null);
    const result = await search.run(q);
    setResults(result.ok ? result.value : null);
  };

  const sent = async (to: PersonResult, answer: Sent) => {
    setAdding(null);
    const name = to.person.displayName;
    setDone(answer.friend ? t('friends.add.friendsNow', { name }) : t('friends.add.sent', { name }));
    setResults(
      (list) => list?.map((r) => (r.person.id === to.person.id ? afterSending(r, answer) : r)) ?? null,
    );
    if (suggestions.state.status === 'ready') {
      suggestions.set(
        suggestions.state.value.map((r) => (r.person.id === to.person.id ? afterSending(r, answer) : r)),
      );
    }
    await Promise.all([area.requestsChanged(), answer.friend ? area.friendsChanged() : undefined]);
  };

  const open = (result: PersonResult) => {
    setDone(null);
    setAdding(result);
  };

  return (
    <>
      <Section title={t('friends.add.searchTitle')} intro={t('friends.add.searchIntro')}>
        <form className="friends-search" onSubmit={submit} noValidate>
          <label htmlFor={searchId} className="visually-hidden">
            {t('friends.add.search')}
          </label>
          <input
            id={searchId}
            type="search"
            className="friends-search-input"
            value={query}
            placeholder={t('friends.add.search')}
            maxLength={320}
            autoCapitalize="none"
            autoComplete="off"
            spellCheck={false}
            data-testid="friends-search"
            onChange={(event) => setQuery(event.target.value)}
          />
          <button
            type="submit"
            className="button button-primary"
            data-testid="friends-search-submit"
            disabled={search.pending || query.trim() === ''}
          >
            {search.pending ? t('friends.add.searching') : t('friends.add.searchSubmit')}
          </button>
        </form>
        <FormError error={search.error} />
        <div role="status" className="form-status">
          {done && (
            <span className="saved" data-testid="add-done">
              {done}
            </span>
          )}
        </div>
        {results !== null &&
          (results.length === 0 ? (
            <p className="friends-note" data-testid="friends-search-none">
              {t('friends.add.noResults')}
            </p>
          ) : (
            <ul className="person-list" aria-label={t('friends.add.results')}>
              {results.map((result) => (
                <ResultRow key={result.person.id} result={result} testId="search-result" onAdd={open} />
              ))}
            </ul>
          ))}
      </Section>

      <Section title={t('friends.add.suggestionsTitle')} intro={t('friends.add.suggestionsIntro')}>
        <Loaded load={suggestions.state} retry={suggestions.retry}>
          {(list) =>
            list.length === 0 ? (
              <p className="friends-note" data-testid="suggestions-empty">
                {t('friends.add.suggestionsEmpty')}
              </p>
            ) : (
              <ul className="person-list">
                {list.map((result) => (
                  <ResultRow key={result.person.id} result={result} testId="suggestion" onAdd={open} />
                ))}
              </ul>
            )
          }
        </Loaded>
      </Section>

      {adding && (
        <AddDialog
          result={adding}
          groups={groups}
          displayName={area.displayName}
          onCancel={() => setAdding(null)}
          onSent={(answer) => sent(adding, answer)}
          onGroupCreated={area.friendsChanged}
        />
      )}
    </>
  );
}

function ResultRow({
  result,
  testId,
  onAdd,
}: {
  result: PersonResult;
  testId: string;
  onAdd: (result: PersonResult) => void;
}) {
  const { t } = useTranslation();
  const standing = standingOf(result);
  return (
    <li
      className="person-row"
      data-testid={testId}
      data-handle={result.person.handle}
      data-standing={standing}
    >
      <PersonLine
        person={result.person}
        remark={result.relationship.remark}
        marks={
          standing !== 'open' && (
            <span className={`badge standing standing-${standing}`} data-testid="person-standing">
              {t(`friends.add.standing.${standing}`)}
            </span>
          )
        }
      >
        <MutualFriends count={result.mutualFriends} />
      </PersonLine>
      {canAdd(standing) && (
        <div className="row-actions">
          <button
            type="button"
            className="button button-primary"
            data-testid="person-add"
            aria-label={t('friends.add.addLabel', { name: result.person.displayName })}
            onClick={() => onAdd(result)}
          >
            {standing === 'requestedBy' ? t('friends.add.acceptTheirs') : t('friends.add.add')}
          </button>
        </div>
      )}
    </li>
  );
}

/**
 * The request: a message, the group to file them in once accepted, and the answer to their question if asked.
 * Profiles (`/u/<number>`) open it too.
 */
export function AddDialog({
  result,
  groups,
  displayName,
  onCancel,
  onSent,
  onGroupCreated,
}: {
  result: PersonResult;
  groups: readonly FriendGroupView[];
  displayName: string;
  onCancel: () => void;
  onSent: (answer: Sent) => Promise<void>;
  onGroupCreated: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const { person, question } = result;
  const asks = result.requests === 'question' && question !== null;
  const [message, setMessage] = useState(() => t('friends.add.defaultMessage', { name: displayName }));
  const [answer, setAnswer] = useState('');
  const [tried, setTried] = useState(false);
  const choice = useGroupChoice(groups, null, onGroupCreated);
  const send = useAction(async () => {
    const groupId = await choice.resolve();
    return social.sendRequest({
      to: person.id,
      message: message.trim(),
      groupId,
      ...(asks ? { answer: answer.trim() } : {}),
    });
  });
  const answerMissing = asks && answer.trim() === '';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (answerMissing || choice.missingName) return;
    const sent = await send.run();
    if (sent.ok) await onSent(sent.value);
  };

  return (
    <Dialog
      title={t('friends.add.dialogTitle', { name: person.displayName })}
      onDismiss={onCancel}
      testId="add-dialog"
    >
      <form className="form" onSubmit={submit} noValidate>
        <div className="dialog-body">
          <PersonLine person={person}>
            <MutualFriends count={result.mutualFriends} />
          </PersonLine>
          <FormError error={send.error} />
          <TextField
            label={t('friends.add.message')}
            name="message"
            testId="add-message"
            value={message}
            multiline
            optional
            maxLength={FRIEND_REQUEST_MESSAGE_MAX}
            hint={t('friends.add.messageHint')}
            onChange={setMessage}
            footer={
              <span className="field-count">
                {message.length}/{FRIEND_REQUEST_MESSAGE_MAX}
              </span>
            }
          />
          <GroupChoice
            choice={choice}
            label={t('friends.add.group')}
            testId="add-group"
            nameError={tried && choice.missingName ? t('friends.add.groupNameRequired') : undefined}
          />
          {asks && (
            <>
              <p className="friend-question" data-testid="add-question">
                {t('friends.add.question', { question })}
              </p>
              <TextField
                label={t('friends.add.answer')}
                name="answer"
                testId="add-answer"
                value={answer}
                maxLength={FRIEND_ANSWER_MAX}
                hint={t('friends.add.answerHint')}
                error={tried && answerMissing ? t('friends.add.answerRequired') : undefined}
                onChange={setAnswer}
              />
            </>
          )}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" data-testid="add-cancel" onClick={onCancel}>
            {t('friends.add.cancel')}
          </button>
          <button
            type="submit"
            className="button button-primary"
            data-testid="add-send"
            disabled={send.pending}
          >
            {send.pending ? t('friends.add.sending') : t('friends.add.send')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
