import { isLeavingPage, type LeaveReason, useOrbitUser } from '@orbit/sdk-browser';
import { BusyPage, ServiceShell, SystemPage, systemPageFor } from '@orbit/ui/shell';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orbit } from './api/client';
import { api } from './api/space';
import type { Me } from './api/types';
import { Nav } from './components/Nav';
import { Notices } from './components/Notices';
import { SpaceMark } from './components/SpaceMark';
import { AppProvider } from './lib/app-context';
import { describeError } from './lib/errors';
import { NavigationProvider, useNavigation } from './lib/navigation';
import { AlbumPage, NewAlbumPage } from './pages/AlbumPages';
import { DraftsPage } from './pages/DraftsPage';
import { PostPage } from './pages/PostPage';
import { ReportsPage } from './pages/ReportsPage';
import { SearchPage } from './pages/SearchPage';
import { SettingsPage } from './pages/SettingsPage';
import { SpacePage } from './pages/SpacePage';
import { TimelinePage } from './pages/TimelinePage';
import { WritePage } from './pages/WritePage';

type MeState = { status: 'loading' } | { status: 'ready'; me: Me } | { status: 'error'; error: unknown };

/**
 * Orbit Space: the service shell's header (app switcher, the bell, avatar, language), Space's own navigation,
 * and the page the address names. Signed out, turned off at the hub or failing, a system page instead.
 */
export function App() {
  return (
    <NavigationProvider>
      <SpaceApp />
    </NavigationProvider>
  );
}

function SpaceApp() {
  const { t, i18n } = useTranslation();
  const { navigate } = useNavigation();
  const shell = useOrbitUser(orbit);
  const [me, setMe] = useState<MeState>({ status: 'loading' });
  const [leaving, setLeaving] = useState<LeaveReason | null>(null);

  const loadMe = useCallback(() => {
    setMe({ status: 'loading' });
    api.me().then(
      (user) => setMe({ status: 'ready', me: user }),
      (error: unknown) => {
        if (!isLeavingPage(error)) setMe({ status: 'error', error });
      },
    );
  }, []);
  useEffect(loadMe, [loadMe]);
  useEffect(() => orbit.onLeave(setLeaving), []);

  const name = t('app.name');
  if (leaving) return <BusyPage kind={leaving === 'signIn' ? 'signingIn' : 'toStepUp'} serviceName={name} />;
  // The hub no longer lets Space in (turned off by an admin): the shell's answer says so, whatever Space's does.
  // Otherwise Space's own answer decides; the shell failing alone (it draws the header) is an error to retry.
  const shellError = shell.state.status === 'error' ? shell.state.error : null;
  const shellRefused = shellError !== null && systemPageFor(shellError) === 'serviceDisabled';
  if (me.status === 'error' || shellError !== null) {
    const error = shellRefused || me.status !== 'error' ? shellError : me.error;
    const kind = systemPageFor(error);
    const retry = () => {
      if (me.status === 'error') loadMe();
      if (shellError !== null) shell.retry();
    };
    return (
      <SystemPage
        kind={kind}
        serviceName={name}
        icon={<SpaceMark />}
        // Turned off at the hub: nothing to do here (the page doesn't know the hub's address without the shell).
        action={kind === 'signedOut' ? orbit.loginUrl() : kind === 'serviceDisabled' ? undefined : retry}
        detail={kind === 'error' ? describeError(error, i18n.resolvedLanguage) : undefined}
      />
    );
  }
  if (me.status === 'loading' || shell.state.status !== 'ready')
    return <BusyPage kind="loading" serviceName={name} />;

  const shellMe = shell.state.me;
  return (
    <AppProvider me={me.me} hubUrl={shellMe.hub.url}>
      <ServiceShell
        className="space-app"
        skipLink={
          <a className="skip-link" href="#content">
            {t('app.skipToContent')}
          </a>
        }
        service={{
          name,
          icon: <SpaceMark className="brand-mark" />,
          homeHref: '/',
          onHome: () => navigate({ page: 'timeline' }),
        }}
        me={shellMe}
        // The page has switched already; saving the choice at the hub is for every other service.
        onLanguageChange={(language) => void shell.setLanguage(language).catch(() => undefined)}
      >
        <div className="space-layout">
          <Nav />
          <main id="content" className="space-content" tabIndex={-1}>
            <Page />
          </main>
        </div>
        <Notices />
      </ServiceShell>
    </AppProvider>
  );
}

/** The page the address names. */
function Page() {
  const { route } = useNavigation();
  switch (route.page) {
    case 'timeline':
      return <TimelinePage />;
    case 'space':
      return <SpacePage key={route.sub ?? 'me'} sub={route.sub} tab={route.tab} />;
    case 'post':
      return <PostPage id={route.id} />;
    case 'write':
      return <WritePage id={route.id} />;
    case 'drafts':
      return <DraftsPage />;
    case 'album':
      return <AlbumPage key={route.id} id={route.id} />;
    case 'newAlbum':
      return <NewAlbumPage />;
    case 'search':
      return <SearchPage q={route.q} />;
    case 'settings':
      return <SettingsPage />;
    case 'reports':
      return <ReportsPage />;
  }
}
