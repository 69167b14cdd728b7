import { useState } from 'react';
import type { Account } from '../api/types';

interface AvatarProps {
  account: Pick<Account, 'displayName' | 'avatarUrl'>;
  size: 'sm' | 'lg';
}

/** The account's picture, or its initial on a coloured disc. Decorative: the name is always shown beside it. */
export function Avatar({ account, size }: AvatarProps) {
  const [failed, setFailed] = useState<string | null>(null);
  const url = account.avatarUrl;
  if (url && failed !== url) {
    return <img className={`avatar avatar-${size}`} src={url} alt="" onError={() => setFailed(url)} />;
  }
  const initial = Array.from(account.displayName.trim())[0]?.toUpperCase() ?? '?';
  return (
    <span className={`avatar avatar-${size} avatar-initial`} aria-hidden="true">
      {initial}
    </span>
  );
}
