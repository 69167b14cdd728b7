import { useTranslation } from 'react-i18next';
import type { ListScope } from '../api/types';
import { routePath } from '../lib/route';
import { FolderIcon, PencilIcon } from './icons';

const FOLDERS = ['inbox', 'starred', 'sent', 'drafts', 'trash'] as const;

interface SidebarProps {
  scope: ListScope;
  inboxUnread: number;
  onCompose: () => void;
  onOpenFolder: (folder: ListScope) => void;
}

/** The Compose button and the folders, the inbox with its unread count. */
export function Sidebar({ scope, inboxUnread, onCompose, onOpenFolder }: SidebarProps) {
  const { t } = useTranslation();
  return (
    <div className="sidebar">
      <button
        type="button"
        className="button button-primary compose-button"
        data-testid="compose-button"
        onClick={onCompose}
      >
        <PencilIcon className="button-icon" />
        {t('compose.open')}
      </button>
      <nav aria-label={t('folders.label')}>
        <ul className="folder-list">
          {FOLDERS.map((folder) => (
            <li key={folder}>
              <a
                href={routePath({ scope: folder, q: '', messageId: null })}
                className="folder-link"
                data-testid={`folder-${folder}`}
                aria-current={scope === folder ? 'page' : undefined}
                onClick={(event) => {
                  if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                  event.preventDefault();
                  onOpenFolder(folder);
                }}
              >
                <FolderIcon name={folder} className="folder-icon" />
                <span className="folder-name">{t(`folders.${folder}`)}</span>
                {folder === 'inbox' && inboxUnread > 0 && (
                  <span
                    className="folder-count"
                    data-testid="inbox-unread"
                    role="img"
                    aria-label={t('folders.unread', { count: inboxUnread })}
                  >
                    {inboxUnread > 999 ? '999+' : inboxUnread}
                  </span>
                )}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
