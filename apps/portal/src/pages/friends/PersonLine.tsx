import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PersonCard } from '../../api/social';
import { Avatar } from '../../components/Avatar';

/**
 * Someone as the Friends pages show them: the avatar, the name the viewer knows them by (a remark, else their
 * display name, with the display name beside a remark), then their handle and account number. `marks` follow the
 * name (special care, muted); `children` go under the facts (a message, mutual friends). With `to`, the name links
 * to their profile.
 */
export function PersonLine({
  person,
  remark,
  marks,
  to,
  children,
}: {
  person: PersonCard;
  remark?: string | null;
  marks?: ReactNode;
  to?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const known = remark?.trim() || person.displayName;
  return (
    <div className="person-line">
      <Avatar account={{ displayName: known, avatarUrl: person.picture }} size="sm" />
      <div className="person-text">
        <p className="person-name">
          {marks}
          {to ? (
            <Link to={to} className="person-known" data-testid="person-name">
              {known}
            </Link>
          ) : (
            <span className="person-known" data-testid="person-name">
              {known}
            </span>
          )}
          {known !== person.displayName && <span className="person-aka">({person.displayName})</span>}
        </p>
        <p className="person-facts">
          <span data-testid="person-handle">{t('friends.person.handle', { handle: person.handle })}</span>
          <span data-testid="person-number">
            {t('friends.person.accountNumber', { number: person.accountNumber })}
          </span>
        </p>
        {children}
      </div>
    </div>
  );
}

/** "3 mutual friends", or "No mutual friends". */
export function MutualFriends({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <p className="person-mutual" data-testid="person-mutual" data-count={count}>
      {count > 0 ? t('friends.person.mutual', { count }) : t('friends.person.noMutual')}
    </p>
  );
}
