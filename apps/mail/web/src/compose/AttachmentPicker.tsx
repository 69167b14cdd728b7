import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../api/types';
import { ClipIcon } from '../components/icons';
import type { ComposeState } from '../lib/compose';
import { partitionBySize, readAsBase64 } from '../lib/files';
import { formatBytes } from '../lib/format';
import type { ComposeUpdate } from './Compose';

interface AttachmentPickerProps {
  state: ComposeState;
  onChange: ComposeUpdate;
  limitBytes: number;
  /** The membership raised `limitBytes` above Mail's default. */
  raised: boolean;
  /** What went wrong with the files just chosen (too large, unreadable); empty when all were added. */
  onProblems: (problems: string[]) => void;
}

/**
 * Choosing files and the list of what goes with the message: forwarded attachments (fixed), those already
 * saved with the draft, and new ones, each with its size. Files over the limit are refused here, before any
 * upload (the server checks again).
 */
export function AttachmentPicker({ state, onChange, limitBytes, raised, onProblems }: AttachmentPickerProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const [reading, setReading] = useState(false);
  const removed = new Set(state.removeAttachmentIds);
  const saved = state.savedAttachments.filter((a) => !removed.has(a.id));

  const add = async (files: File[]) => {
    const { accepted, refused } = partitionBySize(files, limitBytes);
    const problems = refused.map((file) =>
      t('compose.tooLarge', {
        name: file.name,
        size: formatBytes(file.size),
        limit: formatBytes(limitBytes),
      }),
    );
    setReading(true);
    for (const file of accepted) {
      try {
        const dataBase64 = await readAsBase64(file);
        const attachment = {
          key: crypto.randomUUID(),
          filename: file.name,
          contentType: file.type || 'application/octet-stream',
          size: file.size,
          dataBase64,
        };
        onChange((s) => ({ ...s, newAttachments: [...s.newAttachments, attachment] }));
      } catch {
        problems.push(t('compose.readFailed', { name: file.name }));
      }
    }
    setReading(false);
    onProblems(problems);
  };

  const chip = (key: string, name: string, size: number, onRemove?: () => void) => (
    <li key={key} className="chip" data-testid="compose-attachment">
      <ClipIcon className="clip-icon" />
      <span className="chip-name">{name}</span>
      <span className="chip-size">{formatBytes(size)}</span>
      {onRemove && (
        <button
          type="button"
          className="icon-button chip-remove"
          aria-label={t('compose.remove', { name })}
          onClick={onRemove}
        >
          <span aria-hidden="true">×</span>
        </button>
      )}
    </li>
  );
  const forwarded = (a: Attachment) => chip(`f-${a.id}`, a.filename, a.size);

  return (
    <div className="compose-attachments">
      <div className="attach-row">
        <input
          id={inputId}
          type="file"
          multiple
          className="visually-hidden attach-input"
          data-testid="compose-attach"
          aria-describedby={hintId}
          disabled={reading}
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            // Let the same file be chosen again after it was removed.
            event.target.value = '';
            if (files.length > 0) void add(files);
          }}
        />
        <label htmlFor={inputId} className="button button-small attach-button">
          <ClipIcon className="button-icon" />
          {t('compose.attach')}
        </label>
        <span id={hintId} className="compose-hint" data-testid="attach-hint">
          {t(raised ? 'compose.attachHintRaised' : 'compose.attachHint', { limit: formatBytes(limitBytes) })}
          {raised && (
            <span className="vip-pill vip-hint" aria-hidden="true">
              {t('badges.raised')}
            </span>
          )}
        </span>
      </div>
      {state.forwardedAttachments.length > 0 && (
        <div>
          <p className="compose-hint">{t('compose.forwarded')}</p>
          <ul className="chips">{state.forwardedAttachments.map(forwarded)}</ul>
        </div>
      )}
      {(saved.length > 0 || state.newAttachments.length > 0) && (
        <ul className="chips" aria-label={t('compose.attachments')}>
          {saved.map((a) =>
            chip(`s-${a.id}`, a.filename, a.size, () =>
              onChange((s) => ({ ...s, removeAttachmentIds: [...s.removeAttachmentIds, a.id] })),
            ),
          )}
          {state.newAttachments.map((file) =>
            chip(`n-${file.key}`, file.filename, file.size, () =>
              onChange((s) => ({ ...s, newAttachments: s.newAttachments.filter((f) => f.key !== file.key) })),
            ),
          )}
        </ul>
      )}
    </div>
  );
}
