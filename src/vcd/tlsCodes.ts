// Node/OpenSSL verification codes, in one place: which mean "not trusted" and which "out of validity".
// mapError turns them into typed errors.

/** The chain does not end in a trusted CA (self-signed, unknown or missing issuer). */
export const UNTRUSTED_CHAIN_CODES: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);

/** The certificate has expired or is not valid yet. */
export const VALIDITY_CODES: ReadonlySet<string> = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
