/** The routes the SDK mounts, as paths on the service and as absolute URLs where the hub needs them. */
export interface ResolvedPaths {
  home: string;
  login: string;
  logout: string;
  callback: string;
  callbackUrl: string;
  postLogout: string;
  postLogoutUrl: string;
  backchannelLogout: string;
  badge: string;
  /** Where the hub pushes membership-change events. */
  events: string;
  /** Where the hub asks for an account's part of a data export. */
  dataExport: string;
}

export function resolvePaths(
  publicUrl: string,
  paths: {
    home: string;
    callback: string;
    postLogout: string;
    backchannelLogout: string;
    badge: string;
    events: string;
    dataExport: string;
  },
): ResolvedPaths {
  return {
    home: paths.home,
    login: '/auth/login',
    logout: '/auth/logout',
    callback: paths.callback,
    callbackUrl: `${publicUrl}${paths.callback}`,
    postLogout: paths.postLogout,
    postLogoutUrl: `${publicUrl}${paths.postLogout}`,
    backchannelLogout: paths.backchannelLogout,
    badge: paths.badge,
    events: paths.events,
    dataExport: paths.dataExport,
  };
}
