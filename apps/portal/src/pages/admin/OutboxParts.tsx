import { useTranslation } from 'react-i18next';
import type { OutboxEntry } from '../../api/outbox';
import { adminOutboxEn } from '../../i18n/outbox-en';

/** A message's status in words: "In the outbox" for one the development outbox took. */
export function StatusBadge({ message }: { message: OutboxEntry }) {
  const { t } = useTranslation();
  const key = message.status === 'sent' && message.transport === 'outbox' ? 'delivered' : message.status;
  return (
    <span
      className={`badge outbox-status outbox-status-${key}`}
      data-testid="admin-outbox-status"
      data-status={key}
    >
      {t(`adminOutbox.status.${key}`)}
    </span>
  );
}

type Template = keyof typeof adminOutboxEn.templates;
const isTemplate = (name: string): name is Template => Object.hasOwn(adminOutboxEn.templates, name);

/** A message's kind in words; an unknown one (from a newer hub) as it is named. */
export function TemplateName({ template }: { template: string }) {
  const { t } = useTranslation();
  return isTemplate(template) ? t(`adminOutbox.templates.${template}`) : template;
}
