import { useTranslation } from 'react-i18next';
import type { DeclaredPerk, PerkField } from './tier-form';

interface PerksEditorProps {
  perks: DeclaredPerk[];
  fields: Record<string, PerkField>;
  onChange: (fields: Record<string, PerkField>) => void;
  /** Messages by perk key. */
  problems: Record<string, string | undefined>;
  disabled?: boolean;
}

/**
 * The perks a tier can grant, as the services declare them: a checkbox to grant each, then its value — a whole
 * number, or on/off — starting from the service's default.
 */
export function PerksEditor({ perks, fields, onChange, problems, disabled }: PerksEditorProps) {
  const { t } = useTranslation();
  if (perks.length === 0) return <p className="admin-empty">{t('adminMembership.form.perksNone')}</p>;
  const set = (key: string, field: PerkField) => onChange({ ...fields, [key]: field });

  return (
    <ul className="perk-list">
      {perks.map((perk) => {
        const field = fields[perk.key] ?? {
          granted: false,
          value: perk.type === 'boolean' ? true : String(perk.default),
        };
        const problem = problems[perk.key];
        const testKey = perk.key.replace(/[^a-z0-9]+/gi, '-');
        return (
          <li
            key={perk.key}
            className={problem ? 'perk-row field-invalid' : 'perk-row'}
            data-testid={`perk-${testKey}`}
          >
            <label className="checkbox perk-grant">
              <input
                type="checkbox"
                checked={field.granted}
                disabled={disabled}
                onChange={(event) => set(perk.key, { ...field, granted: event.target.checked })}
                aria-label={t('adminMembership.form.grant', { key: perk.key })}
                data-testid={`perk-grant-${testKey}`}
              />
              <span className="perk-text">
                <code>{perk.key}</code>
                <span className="perk-description">
                  {perk.description} ·{' '}
                  {t('adminMembership.form.perkDefault', { value: String(perk.default) })}
                </span>
              </span>
            </label>
            {perk.type === 'boolean' ? (
              <label className="checkbox perk-value">
                <input
                  type="checkbox"
                  checked={field.value === true}
                  disabled={disabled || !field.granted}
                  onChange={(event) => set(perk.key, { ...field, value: event.target.checked })}
                  data-testid={`perk-value-${testKey}`}
                />
                {t('adminMembership.form.on')}
              </label>
            ) : (
              <input
                className="price-input perk-value"
                value={typeof field.value === 'string' ? field.value : ''}
                inputMode="numeric"
                disabled={disabled || !field.granted}
                aria-label={perk.key}
                aria-invalid={problem ? true : undefined}
                onChange={(event) => set(perk.key, { ...field, value: event.target.value })}
                data-testid={`perk-value-${testKey}`}
              />
            )}
            {problem && <p className="field-error perk-error">{problem}</p>}
          </li>
        );
      })}
    </ul>
  );
}
