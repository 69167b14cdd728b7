import { HUB_SCOPES } from '@orbit/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AUTH_METHODS,
  CLIENT_SCOPES,
  type ClientScope,
  GRANT_TYPES,
  type GrantType,
  SIGNING_ALGORITHMS,
} from '../../../api/admin-clients';
import { TextField } from '../../../components/TextField';
import { type ClientField, type ClientFormValues, type FieldProblem, toggled } from './form';

const HUB_API_SCOPES: readonly string[] = HUB_SCOPES;

interface ClientFormProps {
  values: ClientFormValues;
  onChange: (values: ClientFormValues) => void;
  /** A new registration shows the id and the type; an edit can't change them. */
  mode: 'create' | 'edit';
  /** The hub's field problems (and the form's own, e.g. unreadable keys). */
  problems: readonly FieldProblem[];
  /** The client already has public keys (an edit may leave the keys field empty). */
  hasJwks?: boolean;
  disabled?: boolean;
}

/**
 * A client's registration as a form: the fields an experienced operator expects (redirect and logout URIs, grant
 * types, scopes, first-party, ID and access token algorithms, token endpoint authentication), each with the hub's problem
 * beside it. The hub checks everything again with the same rules as the CLI.
 */
export function ClientForm({ values, onChange, mode, problems, hasJwks = false, disabled }: ClientFormProps) {
  const { t } = useTranslation();
  const typeId = useId();
  const authId = useId();
  const algId = useId();
  const accessAlgId = useId();
  const set = <K extends keyof ClientFormValues>(key: K, value: ClientFormValues[K]) =>
    onChange({ ...values, [key]: value });
  /** The field's problems as one line each ("Line 2: must be https…"). */
  const errorOf = (field: ClientField): string | undefined => {
    const mine = problems.filter((p) => p.field === field);
    if (mine.length === 0) return undefined;
    return mine
      .map((p) => (p.line ? t('adminClients.form.line', { line: p.line, message: p.message }) : p.message))
      .join(' · ');
  };
  const group = (field: ClientField) => {
    const error = errorOf(field);
    return error ? (
      <p className="field-error" data-testid={`client-${field}-error`}>
        {error}
      </p>
    ) : null;
  };
  /** A signing algorithm choice (the ID tokens', the access tokens'). */
  const algorithmField = (
    field: 'idTokenSignedResponseAlg' | 'accessTokenSignedResponseAlg',
    id: string,
    label: string,
    testId: string,
  ) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={values[field]}
        data-testid={testId}
        onChange={(event) => set(field, event.target.value as ClientFormValues[typeof field])}
      >
        {SIGNING_ALGORITHMS.map((alg) => (
          <option key={alg} value={alg}>
            {alg}
          </option>
        ))}
      </select>
      {group(field)}
    </div>
  );
  const isPublic = values.type === 'public';
  const method = isPublic ? 'none' : values.tokenEndpointAuthMethod;

  return (
    <fieldset className="client-form" disabled={disabled}>
      {mode === 'create' && (
        <TextField
          label={t('adminClients.form.id')}
          name="clientId"
          testId="client-id"
          value={values.id}
          optional
          verbatim
          maxLength={64}
          hint={t('adminClients.form.idHint')}
          error={errorOf('id')}
          onChange={(id) => set('id', id)}
        />
      )}
      <TextField
        label={t('adminClients.form.name')}
        name="name"
        testId="client-name"
        value={values.name}
        maxLength={100}
        hint={t('adminClients.form.nameHint')}
        error={errorOf('name')}
        onChange={(name) => set('name', name)}
      />
      {mode === 'create' && (
        <div className="field">
          <label htmlFor={typeId}>{t('adminClients.form.type')}</label>
          <select
            id={typeId}
            value={values.type}
            data-testid="client-type"
            onChange={(event) => set('type', event.target.value as ClientFormValues['type'])}
          >
            <option value="confidential">{t('adminClients.type.confidential')}</option>
            <option value="public">{t('adminClients.type.public')}</option>
          </select>
          <p className="field-hint">{t('adminClients.form.typeHint')}</p>
          {group('type')}
        </div>
      )}
      <div className="field">
        <label htmlFor={authId}>{t('adminClients.form.auth')}</label>
        <select
          id={authId}
          value={method}
          disabled={isPublic}
          data-testid="client-auth"
          onChange={(event) =>
            set('tokenEndpointAuthMethod', event.target.value as ClientFormValues['tokenEndpointAuthMethod'])
          }
        >
          {AUTH_METHODS.filter((m) => (isPublic ? m === 'none' : m !== 'none')).map((m) => (
            <option key={m} value={m}>
              {t(`adminClients.auth.${m}`)}
            </option>
          ))}
        </select>
        {mode === 'create' && method.startsWith('client_secret') && (
          <p className="field-hint">{t('adminClients.form.secretNote')}</p>
        )}
        {group('tokenEndpointAuthMethod')}
      </div>
      {method === 'private_key_jwt' && (
        <TextField
          label={t('adminClients.form.jwks')}
          name="jwks"
          testId="client-jwks"
          value={values.jwks}
          multiline
          verbatim
          optional={hasJwks}
          hint={hasJwks ? t('adminClients.form.jwksKeep') : t('adminClients.form.jwksHint')}
          error={errorOf('jwks')}
          onChange={(jwks) => set('jwks', jwks)}
        />
      )}
      <TextField
        label={t('adminClients.form.redirectUris')}
        name="redirectUris"
        testId="client-redirect-uris"
        value={values.redirectUris}
        multiline
        verbatim
        optional
        hint={t('adminClients.form.redirectUrisHint')}
        error={errorOf('redirectUris')}
        onChange={(uris) => set('redirectUris', uris)}
      />
      <TextField
        label={t('adminClients.form.postLogoutRedirectUris')}
        name="postLogoutRedirectUris"
        testId="client-post-logout-uris"
        value={values.postLogoutRedirectUris}
        multiline
        verbatim
        optional
        hint={t('adminClients.form.postLogoutRedirectUrisHint')}
        error={errorOf('postLogoutRedirectUris')}
        onChange={(uris) => set('postLogoutRedirectUris', uris)}
      />
      <TextField
        label={t('adminClients.form.backchannelLogoutUri')}
        name="backchannelLogoutUri"
        testId="client-backchannel-uri"
        value={values.backchannelLogoutUri}
        verbatim
        optional
        hint={t('adminClients.form.backchannelLogoutUriHint')}
        error={errorOf('backchannelLogoutUri')}
        onChange={(uri) => set('backchannelLogoutUri', uri)}
      />
      <fieldset className="client-checks" data-testid="client-grants">
        <legend>{t('adminClients.form.grantTypes')}</legend>
        {GRANT_TYPES.map((grant) => (
          <label key={grant} className="checkbox">
            <input
              type="checkbox"
              checked={values.grantTypes.includes(grant)}
              disabled={isPublic && grant === 'client_credentials'}
              data-testid={`client-grant-${grant}`}
              onChange={(event) =>
                set(
                  'grantTypes',
                  toggled<GrantType>(values.grantTypes, grant, event.target.checked, GRANT_TYPES),
                )
              }
            />
            {t(`adminClients.grants.${grant}`)}
          </label>
        ))}
        {group('grantTypes')}
      </fieldset>
      <fieldset className="client-checks" data-testid="client-scopes">
        <legend>{t('adminClients.form.scopes')}</legend>
        {CLIENT_SCOPES.map((scope) => (
          <label key={scope} className="checkbox">
            <input
              type="checkbox"
              checked={values.scopes.includes(scope)}
              data-testid={`client-scope-${scope.replace(':', '-')}`}
              onChange={(event) =>
                set('scopes', toggled<ClientScope>(values.scopes, scope, event.target.checked, CLIENT_SCOPES))
              }
            />
            <code>{scope}</code>
            {HUB_API_SCOPES.includes(scope) && (
              <span className="client-scope-note"> ({t('adminClients.hubApiScope')})</span>
            )}
          </label>
        ))}
        {group('scopes')}
      </fieldset>
      <label className="checkbox client-first-party">
        <input
          type="checkbox"
          checked={values.firstParty}
          data-testid="client-first-party"
          onChange={(event) => set('firstParty', event.target.checked)}
        />
        {t('adminClients.form.firstParty')}
      </label>
      {algorithmField('idTokenSignedResponseAlg', algId, t('adminClients.form.alg'), 'client-alg')}
      {algorithmField(
        'accessTokenSignedResponseAlg',
        accessAlgId,
        t('adminClients.form.accessTokenAlg'),
        'client-access-token-alg',
      )}
    </fieldset>
  );
}
