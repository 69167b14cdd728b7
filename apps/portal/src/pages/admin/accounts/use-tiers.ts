import { useEffect, useState } from 'react';
import { membership, membershipAdmin } from '../../../api/membership';
import type { Tier } from '../../../api/membership-types';

/**
 * The membership tiers, for the membership filter: every tier (retired ones too: members may still hold them)
 * for those who may read them all, else the tiers on sale.
 */
export function useTiers(): Tier[] {
  const [tiers, setTiers] = useState<Tier[]>([]);
  useEffect(() => {
    let cancelled = false;
    membershipAdmin
      .tiers()
      .catch(() => membership.tiersOnSale())
      .then(
        (loaded) => !cancelled && setTiers(loaded),
        () => {
          // The filter then offers "any" and "none" only.
        },
      );
    return () => {
      cancelled = true;
    };
  }, []);
  return tiers;
}
