import { useState } from 'react';

/**
 * The service's icon from the hub (`/api/services/<id>/icon`), or its initial when there is none to show: the
 * hub serves icons of enabled services only. Decorative: the name is always beside it.
 */
export function ServiceIcon({ id, name }: { id: string; name: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) {
    return (
      <span className="service-icon admin-service-initial" aria-hidden="true">
        {name.trim().charAt(0).toUpperCase() || '?'}
      </span>
    );
  }
  return (
    <img
      className="service-icon"
      src={`/api/services/${encodeURIComponent(id)}/icon`}
      alt=""
      width={48}
      height={48}
      onError={() => setFailed(true)}
    />
  );
}
