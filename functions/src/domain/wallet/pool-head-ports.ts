// The ports of the pool's signed head (docs/reliability.md "How anyone checks the pool"): the
// signer (AWS KMS in production, a local P-256 key on the local stage; functions/src/adapters/
// signing/), the store of signed heads (off the pool's partition) and the owner's event records.

/** A public key heads are signed with, as GET /pool/keys publishes it. */
export interface HeadPublicKey {
  keyId: string;
  alg: 'ECDSA_SHA_256';
  /** PEM SubjectPublicKeyInfo (P-256) */
  publicKey: string;
}

export interface HeadSigner {
  /** ECDSA P-256 over SHA-256 of the UTF-8 message: base64 DER and the key that signed. */
  sign(message: string): Promise<{ keyId: string; signature: string }>;
  /** The current key first, then older ones still published so old heads stay checkable. */
  publicKeys(): Promise<HeadPublicKey[]>;
}

/** A head as signed and kept: what GET /pool/head answers. */
export interface SignedHead {
  batch: number;
  hash: string;
  at: string;
  signature: string;
  keyId: string;
}

export interface SignedHeadStore {
  /** The kept signed head of a batch, if any. */
  get(batch: number): Promise<SignedHead | undefined>;
  /**
   * Keeps a signed head of its batch: created when `replacing` is undefined, else only over the
   * head signed at `replacing` (its `at`). False when another caller got there first.
   */
  put(head: SignedHead, replacing?: string): Promise<boolean>;
}

/** The one fact GET /pool/proof needs from a pool event's record. */
export interface EventPlace {
  userId: string;
  batch?: number;
  decidedAt?: string;
}
export interface EventPlaces {
  place(eventId: string): Promise<EventPlace | undefined>;
}
