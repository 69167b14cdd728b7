import { type ReactNode, type Ref, useId } from 'react';
import { PageTitle } from './PageTitle';

interface AuthCardProps {
  /** The page's title, and its heading unless `heading` is given. */
  title: string;
  /** A richer heading than the plain title (e.g. with a name marked up in it). */
  heading?: ReactNode;
  intro?: ReactNode;
  children: ReactNode;
  /** To move focus to the heading when the card's content changes (e.g. after sign-up). */
  headingRef?: Ref<HTMLHeadingElement>;
}

/** The centred card the sign-in, sign-up, setup and consent pages sit in. */
export function AuthCard({ title, heading, intro, children, headingRef }: AuthCardProps) {
  const headingId = useId();
  return (
    <div className="auth-page">
      <PageTitle page={title} />
      <section className="card auth-card" aria-labelledby={headingId}>
        <h1 id={headingId} ref={headingRef} tabIndex={-1}>
          {heading ?? title}
        </h1>
        {intro && <p className="card-intro">{intro}</p>}
        {children}
      </section>
    </div>
  );
}
