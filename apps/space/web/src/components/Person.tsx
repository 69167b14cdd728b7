import { Avatar } from '@orbit/ui/shell';
import { useTranslation } from 'react-i18next';
import type { Person } from '../api/types';
import { Link } from '../lib/navigation';

/** Someone's name as the hub shows it (a deleted account gets a placeholder). */
export function usePersonName(): (person: Person) => string {
  const { t } = useTranslation();
  return (person) => (person.deleted ? t('common.deleted') : person.displayName);
}

/** A person's avatar and name, linking to their space. */
export function PersonLink({ person, avatar = true }: { person: Person; avatar?: boolean }) {
  const name = usePersonName()(person);
  if (person.deleted) return <span className="person person-deleted">{name}</span>;
  return (
    <Link
      to={{ page: 'space', sub: person.sub, tab: 'moments' }}
      className="person"
      data-testid="person-link"
    >
      {avatar && <Avatar name={name} picture={person.picture} />}
      <span className="person-name">{name}</span>
      {person.badges && person.badges.vipLevel > 0 && (
        <span className="person-vip">VIP{person.badges.vipLevel}</span>
      )}
    </Link>
  );
}
