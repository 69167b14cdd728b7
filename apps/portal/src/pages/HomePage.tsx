import { Navigate } from 'react-router';
import { Loading } from '../components/Loading';
import { useSession } from '../session/context';

/** `/`: the account page when signed in, sign-in otherwise. */
export function HomePage() {
  const { state } = useSession();
  if (state.status === 'loading') return <Loading />;
  return <Navigate to={state.status === 'signed-in' ? '/account' : '/signin'} replace />;
}
