/**
 * W3C Bitstring Status List v1.0 (https://www.w3.org/TR/vc-bitstring-status-list/).
 *
 * One bit per issued certificate; bit set = revoked. The published list is GZIP'd,
 * base64url-encoded without padding and carries the multibase prefix `u`, as the
 * spec's `encodedList` requires.
 */
import { gunzipSync, gzipSync } from "fflate";
import { base64urlDecode, base64urlEncode } from "./encoding";

/**
 * The spec's minimum (16 KiB = 131,072 entries): a shorter list would let an observer
 * narrow down which credential a verifier is asking about (herd privacy).
 */
export const STATUS_LIST_MIN_BITS = 131_072;
/** Refuse to inflate more than this (16 MiB ≈ 134M entries); guards against zip bombs. */
export const STATUS_LIST_MAX_BYTES = 16 * 1024 * 1024;

export const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";

export type StatusPurpose = "revocation";

/** An all-clear list with room for `bits` entries (rounded up to whole bytes). */
export function createStatusList(bits: number = STATUS_LIST_MIN_BITS): Uint8Array {
  if (!Number.isSafeInteger(bits) || bits < STATUS_LIST_MIN_BITS) {
    throw new RangeError(`a status list holds at least ${STATUS_LIST_MIN_BITS} bits`);
  }
  return new Uint8Array(Math.ceil(bits / 8));
}

function position(list: Uint8Array, index: number): [byte: number, mask: number] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= list.length * 8) {
    throw new RangeError(`status index ${index} outside the list (0..${list.length * 8 - 1})`);
  }
  // The spec numbers bits from the left: index 0 is the most significant bit of byte 0.
  return [index >> 3, 0x80 >> (index & 7)];
}

export function getBit(list: Uint8Array, index: number): boolean {
  const [byte, mask] = position(list, index);
  return (list[byte] & mask) !== 0;
}

/** Mutates `list` in place. */
export function setBit(list: Uint8Array, index: number, value = true): void {
  const [byte, mask] = position(list, index);
  if (value) list[byte] |= mask;
  else list[byte] &= ~mask & 0xff;
}

export function encodeStatusList(bits: Uint8Array): string {
  if (bits.length * 8 < STATUS_LIST_MIN_BITS) {
    throw new RangeError(`a published status list holds at least ${STATUS_LIST_MIN_BITS} bits`);
  }
  // mtime 0 keeps the output a pure function of the bits, so an unchanged list
  // re-encodes to the same string (stable ETags, reproducible tests).
  return "u" + base64urlEncode(gzipSync(bits, { level: 9, mtime: 0 }));
}

/** Throws SyntaxError/RangeError on anything that is not a well-formed encoded list. */
export function decodeStatusList(encoded: string): Uint8Array {
  if (typeof encoded !== "string" || !encoded.startsWith("u")) {
    throw new SyntaxError("encodedList must be multibase base64url (prefix 'u')");
  }
  const gz = base64urlDecode(encoded.slice(1));
  if (gz.length < 18 || gz[0] !== 0x1f || gz[1] !== 0x8b) {
    throw new SyntaxError("encodedList is not GZIP data");
  }
  // ISIZE (the last four bytes, little-endian) announces the inflated size; checking it
  // first means a hostile list cannot make us allocate gigabytes.
  const n = gz.length;
  const isize = (gz[n - 4] | (gz[n - 3] << 8) | (gz[n - 2] << 16) | (gz[n - 1] << 24)) >>> 0;
  if (isize > STATUS_LIST_MAX_BYTES) throw new RangeError("status list too large");
  if (isize * 8 < STATUS_LIST_MIN_BITS) throw new RangeError("status list shorter than the spec minimum");
  let bits: Uint8Array;
  try {
    // One byte more than announced: a stream that inflates past its ISIZE (fflate would
    // silently truncate it into an exact-size buffer) then shows up as a length mismatch.
    bits = gunzipSync(gz, { out: new Uint8Array(isize + 1) });
  } catch {
    throw new SyntaxError("encodedList does not inflate");
  }
  if (bits.length !== isize) throw new SyntaxError("encodedList length mismatch");
  return bits;
}

export interface StatusListCredentialInput {
  /** URL the list credential is published at; it is what `statusListCredential` points to. */
  id: string;
  /** The issuer's DID (or a Profile object with that `id`). */
  issuer: string | { id: string; [k: string]: unknown };
  validFrom: Date | string;
  /** Verifiers treat a list past this date as stale; set it to bound caching. */
  validUntil?: Date | string;
  encodedList: string;
  purpose: StatusPurpose;
}

export interface BitstringStatusListCredential {
  "@context": string[];
  id: string;
  type: ["VerifiableCredential", "BitstringStatusListCredential"];
  issuer: string | { id: string; [k: string]: unknown };
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id: string;
    type: "BitstringStatusList";
    statusPurpose: StatusPurpose;
    encodedList: string;
  };
  [k: string]: unknown;
}

/** RFC 3339 UTC without fractional seconds, the form JWT NumericDate round-trips to. */
export function toXsdDateTime(d: Date | string): string {
  const date = typeof d === "string" ? new Date(d) : d;
  if (Number.isNaN(date.getTime())) throw new RangeError("invalid date");
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The unsigned list credential; sign it with `signCredentialJwt` before publishing. */
export function buildStatusListCredential(input: StatusListCredentialInput): BitstringStatusListCredential {
  const vc: BitstringStatusListCredential = {
    "@context": [VC_V2_CONTEXT],
    id: input.id,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: input.issuer,
    validFrom: toXsdDateTime(input.validFrom),
    credentialSubject: {
      id: `${input.id}#list`,
      type: "BitstringStatusList",
      statusPurpose: input.purpose,
      encodedList: input.encodedList,
    },
  };
  if (input.validUntil !== undefined) vc.validUntil = toXsdDateTime(input.validUntil);
  return vc;
}
