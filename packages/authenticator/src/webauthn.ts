import { createHash, generateKeyPairSync, type KeyObject, randomBytes, randomInt, sign } from 'node:crypto';
import { type CBORType, encodeCBOR } from '@levischuck/tiny-cbor';

/*
 * The WebAuthn Level 3 JSON shapes (`parse…OptionsFromJSON()`, `toJSON()`) this authenticator reads and
 * writes. They are declared here, structurally, rather than imported from `@simplewebauthn/server`: that is
 * only a dev dependency of this package, and services that use `@orbit/testing` must type-check without it.
 * The test beside this file proves they fit the library's own types both ways.
 */

export interface CredentialDescriptorJSON {
  id: string;
  type: string;
  transports?: string[];
}

export interface PublicKeyCredentialCreationOptionsJSON {
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
  challenge: string;
  pubKeyCredParams: { type: 'public-key'; alg: number }[];
  excludeCredentials?: CredentialDescriptorJSON[];
  authenticatorSelection?: { residentKey?: string; requireResidentKey?: boolean; userVerification?: string };
}

export interface PublicKeyCredentialRequestOptionsJSON {
  challenge: string;
  rpId?: string;
  allowCredentials?: CredentialDescriptorJSON[];
  userVerification?: string;
}

export interface RegistrationResponseJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  authenticatorAttachment: 'platform';
  clientExtensionResults: Record<never, never>;
  response: {
    clientDataJSON: string;
    attestationObject: string;
    authenticatorData: string;
    transports: 'internal'[];
    publicKeyAlgorithm: number;
    publicKey: string;
  };
}

export interface AuthenticationResponseJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  authenticatorAttachment: 'platform';
  clientExtensionResults: Record<never, never>;
  response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle?: string };
}

export interface SoftAuthenticatorOptions {
  /** The page's origin, written into clientDataJSON (`http://localhost:4000`). */
  origin: string;
  /** Used when the RP's options name none. Default: the origin's host name. */
  rpId?: string;
  /** Whether the user is verified (PIN, biometrics) at each ceremony: the UV flag. Default true. */
  userVerification?: boolean;
  /** BE flag: a passkey that may be synced ("multiDevice"). Default false. */
  backupEligible?: boolean;
  /** BS flag: the passkey is synced now. Needs `backupEligible`. Default false. */
  backedUp?: boolean;
  /** `increment`: the signature counter goes up at each assertion; `zero`: it stays 0 (synced passkeys). */
  counter?: 'increment' | 'zero';
}

/** What a ceremony may bend, to prove that the relying party refuses it. */
export interface CeremonyOverrides {
  /** The origin written into clientDataJSON. */
  origin?: string;
  /** The RP ID whose hash goes into authenticator data (the credential stays scoped to the real one). */
  rpId?: string;
  userVerified?: boolean;
  challenge?: string;
  /** clientDataJSON's `type`. */
  type?: string;
}

export interface AssertionOverrides extends CeremonyOverrides {
  /** The signature counter of this one assertion (the stored counter doesn't change). */
  counter?: number;
  /** Use this held credential rather than the first one the options allow. */
  credentialId?: string;
  /** Sign with a fresh key the relying party has never seen. */
  signWith?: 'other-key';
}

export interface SoftCredential {
  id: string;
  rpId: string;
  /** base64url, as the RP gave it in `user.id`. */
  userHandle: string;
  signCount: number;
  discoverable: boolean;
}

/** The AAGUID this authenticator reports, so tests can recognise its passkeys. */
export const SOFT_AUTHENTICATOR_AAGUID = '6f726269-742d-7465-7374-2d617574686e'; // "orbit-test-authn"

const ES256 = -7;
// Authenticator data flags, WebAuthn §6.1.
const UP = 0x01;
const UV = 0x04;
const BE = 0x08;
const BS = 0x10;
const AT = 0x40;

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();
const newKey = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** A browser's DOMException, as `navigator.credentials` throws it. */
const refusal = (
  name: 'InvalidStateError' | 'NotAllowedError' | 'NotSupportedError' | 'SecurityError',
  message: string,
) => new DOMException(message, name);

interface StoredCredential extends SoftCredential {
  privateKey: KeyObject;
}

/**
 * A platform authenticator and its browser in software, for server-side tests: creates ES256 passkeys with
 * `none` attestation and signs assertions, producing exactly the JSON `navigator.credentials` hands a page.
 * It does not enforce the RP's `userVerification`: it reports what it was configured to, so tests can prove
 * the server checks.
 *
 * @example
 * const authenticator = new SoftAuthenticator({ origin: hub.url });
 * const response = await authenticator.register(options); // options from the RP
 * const assertion = await authenticator.authenticate(requestOptions);
 */
export class SoftAuthenticator {
  readonly origin: string;
  readonly rpId: string;
  private readonly settings: Required<Omit<SoftAuthenticatorOptions, 'origin' | 'rpId'>>;
  private readonly held = new Map<string, StoredCredential>();

  constructor(options: SoftAuthenticatorOptions) {
    const { origin, rpId, ...rest } = options;
    this.origin = new URL(origin).origin;
    this.rpId = rpId ?? new URL(origin).hostname;
    this.settings = {
      userVerification: true,
      backupEligible: false,
      backedUp: false,
      counter: 'increment',
      ...rest,
    };
    if (this.settings.backedUp && !this.settings.backupEligible) {
      throw new Error('SoftAuthenticator: `backedUp` needs `backupEligible` (WebAuthn §6.1.3)');
    }
  }

  /** `navigator.credentials.create()` (WebAuthn §5.1.3 with the authenticator's §6.3.2). */
  async register(
    options: PublicKeyCredentialCreationOptionsJSON,
    overrides: CeremonyOverrides = {},
  ): Promise<RegistrationResponseJSON> {
    const rpId = this.rpIdFor(options.rp.id);
    if (!options.pubKeyCredParams.some((param) => param.alg === ES256)) {
      throw refusal('NotSupportedError', 'The relying party accepts no ES256 key.');
    }
    for (const excluded of options.excludeCredentials ?? []) {
      if (this.held.get(excluded.id)?.rpId === rpId) {
        throw refusal('InvalidStateError', 'The authenticator already holds a credential for this account.');
      }
    }
    const selection = options.authenticatorSelection;
    const residentKey =
      selection?.residentKey ?? (selection?.requireResidentKey ? 'required' : 'discouraged');
    const id = randomBytes(randomInt(16, 33));
    const { privateKey, publicKey } = newKey();
    const credential: StoredCredential = {
      id: b64url(id),
      rpId,
      userHandle: options.user.id,
      signCount: 0,
      discoverable: residentKey !== 'discouraged',
      privateKey,
    };
    this.held.set(credential.id, credential);

    const jwk = publicKey.export({ format: 'jwk' });
    // COSE_Key for an EC2 P-256 key (RFC 9053 §7.1): kty 2, alg -7, crv 1, x, y.
    const coseKey = new Map<number, CBORType>([
      [1, 2],
      [3, ES256],
      [-1, 1],
      [-2, Buffer.from(jwk.x ?? '', 'base64url')],
      [-3, Buffer.from(jwk.y ?? '', 'base64url')],
    ]);
    // Attested credential data (WebAuthn §6.5.1): aaguid | credentialIdLength (u16) | credentialId | key.
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const attested = Buffer.concat([
      Buffer.from(SOFT_AUTHENTICATOR_AAGUID.replaceAll('-', ''), 'hex'),
      idLength,
      id,
      encodeCBOR(coseKey),
    ]);
    const authData = this.authenticatorData(
      overrides.rpId ?? rpId,
      overrides,
      credential.signCount,
      attested,
    );
    const attestationObject = encodeCBOR(
      new Map<string, CBORType>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: this.clientDataJSON('webauthn.create', options.challenge, overrides),
        attestationObject: b64url(attestationObject),
        authenticatorData: b64url(authData),
        transports: ['internal'],
        publicKeyAlgorithm: ES256,
        publicKey: b64url(publicKey.export({ format: 'der', type: 'spki' })),
      },
    };
  }

  /** `navigator.credentials.get()` (WebAuthn §5.1.4 with the authenticator's §6.3.3). */
  async authenticate(
    options: PublicKeyCredentialRequestOptionsJSON,
    overrides: AssertionOverrides = {},
  ): Promise<AuthenticationResponseJSON> {
    const credential = this.pick(
      this.rpIdFor(options.rpId),
      options.allowCredentials ?? [],
      overrides.credentialId,
    );
    let signCount = overrides.counter ?? 0;
    if (overrides.counter === undefined && this.settings.counter === 'increment') {
      credential.signCount += 1;
      signCount = credential.signCount;
    }
    const authData = this.authenticatorData(overrides.rpId ?? credential.rpId, overrides, signCount);
    const clientDataJSON = this.clientDataJSON('webauthn.get', options.challenge, overrides);
    // The signature covers authData || SHA-256(clientDataJSON), ECDSA DER-encoded (WebAuthn §6.3.3).
    const key = overrides.signWith === 'other-key' ? newKey().privateKey : credential.privateKey;
    const signature = sign(
      'sha256',
      Buffer.concat([authData, sha256(Buffer.from(clientDataJSON, 'base64url'))]),
      key,
    );
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON,
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        // Authenticators return the user handle of every discoverable credential (WebAuthn §6.3.3).
        ...(credential.discoverable ? { userHandle: credential.userHandle } : {}),
      },
    };
  }

  /** The credentials held, in creation order (no private keys). */
  credentials(): SoftCredential[] {
    return [...this.held.values()].map(({ privateKey: _, ...credential }) => ({ ...credential }));
  }

  /** Deletes a credential, as a user removing a passkey from their device. */
  forget(id: string): boolean {
    return this.held.delete(id);
  }

  /** Sets a credential's stored signature counter: the next assertion reports `n + 1` in `increment` mode. */
  setCounter(id: string, n: number): void {
    const credential = this.held.get(id);
    if (!credential) throw new Error(`SoftAuthenticator: no credential ${id}`);
    credential.signCount = n;
  }

  /** A ceremony's RP ID: the options' one, which must be the origin's host or a parent of it (§5.1.3). */
  private rpIdFor(requested: string | undefined): string {
    const rpId = requested ?? this.rpId;
    const host = new URL(this.origin).hostname;
    if (host !== rpId && !host.endsWith(`.${rpId}`)) {
      throw refusal('SecurityError', `The RP ID ${rpId} is not valid for the origin ${this.origin}.`);
    }
    return rpId;
  }

  private pick(
    rpId: string,
    allowed: CredentialDescriptorJSON[],
    wanted: string | undefined,
  ): StoredCredential {
    const usable = (credential: StoredCredential | undefined): credential is StoredCredential =>
      credential !== undefined &&
      credential.rpId === rpId &&
      (allowed.length > 0
        ? allowed.some((descriptor) => descriptor.id === credential.id)
        : credential.discoverable);
    const candidates = wanted === undefined ? [...this.held.values()] : [this.held.get(wanted)];
    const found = candidates.find(usable);
    if (!found)
      throw refusal('NotAllowedError', 'The authenticator holds no credential the relying party allows.');
    return found;
  }

  /** Authenticator data, WebAuthn §6.1: rpIdHash | flags | signCount (u32) | attested credential data. */
  private authenticatorData(
    rpId: string,
    overrides: CeremonyOverrides,
    signCount: number,
    attested?: Uint8Array,
  ): Buffer {
    const { backupEligible, backedUp } = this.settings;
    const userVerified = overrides.userVerified ?? this.settings.userVerification;
    const flags =
      UP | (userVerified ? UV : 0) | (backupEligible ? BE : 0) | (backedUp ? BS : 0) | (attested ? AT : 0);
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(signCount);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), counter, ...(attested ? [attested] : [])]);
  }

  /** Client data, WebAuthn §5.8.1, base64url of its JSON. */
  private clientDataJSON(type: string, challenge: string, overrides: CeremonyOverrides): string {
    const data = {
      type: overrides.type ?? type,
      challenge: overrides.challenge ?? challenge,
      origin: overrides.origin ?? this.origin,
      crossOrigin: false,
    };
    return b64url(Buffer.from(JSON.stringify(data)));
  }
}
