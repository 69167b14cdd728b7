import { type ReactNode, useId } from 'react';

/** One titled card of the account center; `id` is its anchor, for links to it (`/account/security#passkeys`). */
export function Section({
  title,
  intro,
  id,
  children,
}: {
  title: string;
  intro?: string;
  id?: string;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="card account-section" aria-labelledby={headingId} id={id}>
      <h2 id={headingId}>{title}</h2>
      {intro && <p className="section-intro">{intro}</p>}
      {children}
    </section>
  );
}
