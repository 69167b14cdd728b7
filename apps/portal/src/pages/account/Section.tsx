import { type ReactNode, useId } from 'react';

/** One titled card of the account page. */
export function Section({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section className="card account-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {intro && <p className="section-intro">{intro}</p>}
      {children}
    </section>
  );
}
