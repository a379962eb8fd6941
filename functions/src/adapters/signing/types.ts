// What a head signer gives (the domain's HeadSigner port, spelled here again: adapters import no
// domain module; the composition root checks the two agree).
export interface PublicKeyInfo {
  keyId: string;
  alg: 'ECDSA_SHA_256';
  /** PEM SubjectPublicKeyInfo (P-256) */
  publicKey: string;
}

export interface Signer {
  /** ECDSA P-256 over SHA-256 of the UTF-8 message: base64 DER and the key that signed. */
  sign(message: string): Promise<{ keyId: string; signature: string }>;
  publicKeys(): Promise<PublicKeyInfo[]>;
}

/** DER SubjectPublicKeyInfo to PEM. */
export function spkiPem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN PUBLIC KEY-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END PUBLIC KEY-----\n`;
}
