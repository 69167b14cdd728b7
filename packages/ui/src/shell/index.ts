export {
  accountLanguageToApply,
  activityGlyphs,
  initials,
  type ShellBadges,
  type ShellMe,
  type ShellService,
  type ShellUser,
  type SystemPageKind,
  serviceName,
  systemPageFor,
} from './model';
export {
  AppSwitcher,
  Avatar,
  ServiceShell,
  type ServiceShellProps,
  ShellHeader,
  type ShellHeaderProps,
} from './ServiceShell';
export { ShellBell } from './ShellBell';
export { type BusyKind, BusyPage, SystemPage, type SystemPageProps } from './SystemPage';
export {
  addShellTexts,
  SHELL_NAMESPACE,
  type ShellTranslate,
  shellTexts,
  useShellTranslation,
} from './texts';
export { useDismiss } from './use-dismiss';
