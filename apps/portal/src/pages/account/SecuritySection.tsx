import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AddedPasskey, security } from '../../api/security';
import type { Account, Passkey } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { useAction } from '../../lib/use-action';
import { AddPasskeyForm } from '../../passkeys/AddPasskeyForm';
import { RecoveryCodesDialog } from '../../passkeys/RecoveryCodesDialog';
import type { SecurityState } from '../../passkeys/use-security';
import { PasskeyRow } from './PasskeyRow';
import { RecoveryCodesPanel } from './RecoveryCodesPanel';
import { Section } from './Section';

type Done = 'added' | 'renamed' | 'removed' | 'generated' | null;

const DONE_KEYS = {
  added: 'passkeys.done.added',
  renamed: 'passkeys.done.renamed',
  removed: 'passkeys.done.removed',
  generated: 'passkeys.done.generated',
} as const;

interface SecuritySectionProps {
  account: Account;
  securityState: SecurityState;
  /** Something changed: load the overview (and the security log) again. */
  onChanged: () => void;
}

/**
 * Passkeys and recovery codes: whether passkey protection is on, each passkey (rename, remove), adding one,
 * and the recovery codes — new ones shown once. Sensitive changes get their step-up from the client's dialog.
 */
export function SecuritySection({ account, securityState: state, onChanged }: SecuritySectionProps) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Passkey | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [done, setDone] = useState<Done>(null);
  const remove = useAction(security.removePasskey);

  const changed = (what: Exclude<Done, null>) => {
    setDone(what);
    onChanged();
  };

  const added = ({ recoveryCodes }: AddedPasskey) => {
    setAdding(false);
    if (recoveryCodes?.length) setCodes(recoveryCodes);
    changed('added');
  };

  const confirmRemove = async () => {
    const passkey = removing;
    setRemoving(null);
    if (!passkey) return;
    const result = await remove.run(passkey.id);
    if (result.ok) changed('removed');
  };

  if (state.status !== 'ready') {
    return (
      <Section title={t('passkeys.title')} intro={t('passkeys.intro')} id="passkeys">
        {state.status === 'loading' ? (
          <Loading label={t('passkeys.loading')} />
        ) : (
          <FormError error={state.error} />
        )}
      </Section>
    );
  }

  const { passkeyProtection, passkeys, recoveryCodes } = state.overview;
  const last = passkeys.length === 1;

  return (
    <Section title={t('passkeys.title')} intro={t('passkeys.intro')} id="passkeys">
      <p
        className={passkeyProtection ? 'alert alert-success' : 'alert alert-info'}
        data-testid="passkey-protection"
        data-protection={passkeyProtection ? 'on' : 'off'}
      >
        {passkeyProtection ? t('passkeys.protectionOn') : t('passkeys.protectionOff')}
      </p>
      <FormError error={remove.error} />
      <div role="status" className="form-status" data-testid="security-done">
        {done && <span className="saved">{t(DONE_KEYS[done])}</span>}
      </div>
      {passkeys.length > 0 && (
        <ul className="session-list" data-testid="passkey-list">
          {passkeys.map((passkey) => (
            <PasskeyRow
              key={passkey.id}
              passkey={passkey}
              disabled={remove.pending}
              onRenamed={() => changed('renamed')}
              onRemove={() => {
                setDone(null);
                remove.reset();
                setRemoving(passkey);
              }}
            />
          ))}
        </ul>
      )}
      {adding ? (
        <AddPasskeyForm
          onAdded={added}
          onCancel={() => setAdding(false)}
          suggestedName={state.overview.suggestedPasskeyName}
        />
      ) : (
        <div>
          <button
            type="button"
            className="button button-primary"
            data-testid="passkey-add"
            onClick={() => {
              setDone(null);
              setAdding(true);
            }}
          >
            {passkeys.length === 0 ? t('passkeys.add.first') : t('passkeys.add.another')}
          </button>
        </div>
      )}
      {passkeyProtection && (
        <RecoveryCodesPanel
          recoveryCodes={recoveryCodes}
          onGenerated={(fresh) => {
            setCodes(fresh);
            changed('generated');
          }}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={t('passkeys.remove.confirmTitle', { name: removing.name })}
          confirmLabel={t('passkeys.remove.confirmOk')}
          danger
          onConfirm={confirmRemove}
          onCancel={() => setRemoving(null)}
        >
          <p>{last ? t('passkeys.remove.confirmLast') : t('passkeys.remove.confirmBody')}</p>
        </ConfirmDialog>
      )}
      {codes && (
        <RecoveryCodesDialog
          codes={codes}
          accountNumber={account.accountNumber}
          onDone={() => setCodes(null)}
        />
      )}
    </Section>
  );
}
