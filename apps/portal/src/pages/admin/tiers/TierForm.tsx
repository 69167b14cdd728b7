import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { membershipAdmin } from '../../../api/membership';
import type { NewTier, Tier, TierPatch } from '../../../api/membership-types';
import type { AdminService } from '../../../api/types';
import { FormError } from '../../../components/FormError';
import { TextField } from '../../../components/TextField';
import { useErrorText } from '../../../i18n/use-error-text';
import { localized } from '../../../launcher/localized';
import { useAction } from '../../../lib/use-action';
import { ColorField } from './ColorField';
import { PerksEditor } from './PerksEditor';
import { newPriceRow, PriceRowsEditor } from './PriceRowsEditor';
import { checkPrices, type PriceProblem, type PriceRow } from './price-rows';
import {
  checkTier,
  declaredPerks,
  emptyTierFields,
  fieldsOf,
  perksFor,
  type TierFieldName,
  type TierFields,
  type TierProblem,
} from './tier-form';

/** Where the hub's field paths land in this form. */
const SERVER_PATHS: Record<string, TierFieldName> = {
  'names.zh-CN': 'nameZh',
  'descriptions.zh-CN': 'descriptionZh',
};

interface TierFormProps {
  /** The tier to edit; without one, a new tier is created (with its first prices). */
  tier?: Tier;
  services: AdminService[];
  onSaved: (tier: Tier) => void;
}

/**
 * A tier's details: names and descriptions in English and Chinese, badge colour, scope and service (fixed once
 * created), rank, daily growth, and the perks it grants. A new tier takes its first prices here too.
 */
export function TierForm({ tier, services, onSaved }: TierFormProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const { fields: fieldErrors } = useErrorText();
  const serviceId = useId();
  const isNew = tier === undefined;
  const [fields, setFields] = useState<TierFields>(() => (tier ? fieldsOf(tier) : emptyTierFields()));
  const [rows, setRows] = useState<PriceRow[]>(() => (isNew ? [newPriceRow([])] : []));
  const [problems, setProblems] = useState<Partial<Record<TierFieldName, TierProblem>>>({});
  const [priceProblems, setPriceProblems] = useState<Record<string, PriceProblem>>({});
  const [saved, setSaved] = useState(false);
  const declared = declaredPerks(services);
  const available = perksFor(fields, declared);
  const save = useAction((input: NewTier | TierPatch) =>
    tier
      ? membershipAdmin.updateTier(tier.id, input as TierPatch)
      : membershipAdmin.createTier(input as NewTier),
  );
  const retired = tier?.retired === true;

  const server: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors(save.error)))
    server[SERVER_PATHS[path] ?? path] = message;
  const problem = (name: TierFieldName) => {
    const found = problems[name];
    return found ? t(`adminMembership.form.problems.${found}`) : server[name];
  };
  const edit =
    <K extends keyof TierFields>(name: K) =>
    (value: TierFields[K]) => {
      setFields((current) => ({ ...current, [name]: value }));
      setSaved(false);
    };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const checked = isNew ? checkTier(fields, declared, true) : checkTier(fields, declared, false);
    const prices = isNew ? checkPrices(rows) : { ok: true as const, prices: [] };
    setProblems(checked.ok ? {} : checked.problems);
    setPriceProblems(prices.ok ? {} : prices.problems);
    if (!checked.ok || !prices.ok) return;
    const result = await save.run(
      isNew ? { ...(checked.value as NewTier), prices: prices.prices } : checked.value,
    );
    if (!result.ok) return;
    setSaved(true);
    onSaved(result.value);
  };

  return (
    <form className="form tier-form" onSubmit={submit} noValidate data-testid="tier-form">
      <fieldset className="tier-fieldset" disabled={retired || save.pending}>
        <legend className="visually-hidden">{t('adminMembership.form.details')}</legend>
        <FormError error={save.error} />
        {isNew && (
          <TextField
            label={t('adminMembership.form.id')}
            name="id"
            testId="tier-id"
            value={fields.id}
            onChange={(value) => edit('id')(value.trim().toLowerCase())}
            hint={t('adminMembership.form.idHint')}
            error={problem('id')}
            maxLength={32}
            verbatim
          />
        )}
        <div className="form-grid">
          <TextField
            label={t('adminMembership.form.name')}
            name="name"
            testId="tier-name"
            value={fields.name}
            onChange={edit('name')}
            error={problem('name')}
            maxLength={40}
          />
          <TextField
            label={t('adminMembership.form.nameZh')}
            name="nameZh"
            testId="tier-name-zh"
            value={fields.nameZh}
            onChange={edit('nameZh')}
            error={problem('nameZh')}
            maxLength={40}
            optional
          />
          <TextField
            label={t('adminMembership.form.description')}
            name="description"
            testId="tier-description"
            value={fields.description}
            onChange={edit('description')}
            error={problem('description')}
            maxLength={200}
            multiline
          />
          <TextField
            label={t('adminMembership.form.descriptionZh')}
            name="descriptionZh"
            testId="tier-description-zh"
            value={fields.descriptionZh}
            onChange={edit('descriptionZh')}
            error={problem('descriptionZh')}
            maxLength={200}
            multiline
            optional
          />
        </div>
        <ColorField
          label={t('adminMembership.form.color')}
          value={fields.color}
          onChange={edit('color')}
          error={problem('color')}
        />

        <fieldset className="choice-list choice-inline">
          <legend>{t('adminMembership.form.scope')}</legend>
          {(['platform', 'service'] as const).map((scope) => (
            <label key={scope} className="choice">
              <input
                type="radio"
                name="scope"
                value={scope}
                checked={fields.scope === scope}
                disabled={!isNew}
                onChange={() => edit('scope')(scope)}
                data-testid={`tier-scope-${scope}`}
              />
              {t(
                scope === 'platform'
                  ? 'adminMembership.form.scopePlatform'
                  : 'adminMembership.form.scopeService',
              )}
            </label>
          ))}
        </fieldset>
        {fields.scope === 'service' && (
          <div className={problem('serviceId') ? 'field field-invalid' : 'field'}>
            <label htmlFor={serviceId}>{t('adminMembership.form.service')}</label>
            <select
              id={serviceId}
              className="select"
              value={fields.serviceId}
              disabled={!isNew}
              onChange={(event) => edit('serviceId')(event.target.value)}
              data-testid="tier-service"
            >
              <option value="">{t('adminMembership.form.chooseService')}</option>
              {services.map((service) => (
                <option key={service.id} value={service.id}>
                  {localized(service.name, service.names, language)} ({service.id})
                </option>
              ))}
              {!isNew && !services.some((s) => s.id === fields.serviceId) && (
                <option value={fields.serviceId}>{fields.serviceId}</option>
              )}
            </select>
            {problem('serviceId') && <p className="field-error">{problem('serviceId')}</p>}
          </div>
        )}
        {!isNew && <p className="field-hint">{t('adminMembership.form.scopeFixed')}</p>}

        <div className="form-grid form-grid-3">
          <TextField
            label={t('adminMembership.form.rank')}
            name="rank"
            testId="tier-rank"
            value={fields.rank}
            onChange={edit('rank')}
            error={problem('rank')}
            hint={t('adminMembership.form.rankHint')}
            inputMode="numeric"
          />
          <TextField
            label={t('adminMembership.form.growthPerDay')}
            name="growthPerDay"
            testId="tier-growth"
            value={fields.growthPerDay}
            onChange={edit('growthPerDay')}
            error={problem('growthPerDay')}
            inputMode="numeric"
          />
          <TextField
            label={t('adminMembership.form.growthPerDayYearly')}
            name="growthPerDayYearly"
            testId="tier-growth-yearly"
            value={fields.growthPerDayYearly}
            onChange={edit('growthPerDayYearly')}
            error={problem('growthPerDayYearly')}
            inputMode="numeric"
          />
        </div>

        <fieldset className="form-group">
          <legend>{t('adminMembership.form.perks')}</legend>
          <p className="field-hint">{t('adminMembership.form.perksIntro')}</p>
          <PerksEditor
            perks={available}
            fields={fields.perks}
            onChange={edit('perks')}
            problems={Object.fromEntries(available.map((perk) => [perk.key, problem(`perks.${perk.key}`)]))}
          />
        </fieldset>

        {isNew && (
          <fieldset className="form-group">
            <legend>{t('adminMembership.prices.title')}</legend>
            <p className="field-hint">{t('adminMembership.prices.intro')}</p>
            <PriceRowsEditor
              rows={rows}
              onChange={setRows}
              problems={priceProblems}
              serverProblems={server}
            />
          </fieldset>
        )}

        {!retired && (
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              data-testid="tier-save"
              disabled={save.pending}
            >
              {isNew
                ? save.pending
                  ? t('adminMembership.form.creating')
                  : t('adminMembership.form.create')
                : save.pending
                  ? t('adminMembership.form.saving')
                  : t('adminMembership.form.save')}
            </button>
            <div role="status" className="form-status">
              {saved && !isNew && (
                <span className="saved" data-testid="tier-saved">
                  {t('adminMembership.form.saved')}
                </span>
              )}
            </div>
          </div>
        )}
      </fieldset>
    </form>
  );
}
