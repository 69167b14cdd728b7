import { type ReactNode, type Ref, useId } from 'react';
import { PageTitle } from './PageTitle';

interface AuthCardProps {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  /** To move focus to the heading when the card's content changes (e.g. after sign-up). */
  headingRef?: Ref<HTMLHeadingElement>;
}

/** The centred card the sign-in, sign-up and setup pages sit in. */
export function AuthCard({ title, intro, children, headingRef }: AuthCardProps) {
  const headingId = useId();
  return (
    <div className="auth-page">
      <PageTitle page={title} />
      <section className="card auth-card" aria-labelledby={headingId}>
        <h1 id={headingId} ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        {intro && <p className="card-intro">{intro}</p>}
        {children}
      </section>
    </div>
  );
}
