/**
 * JSON Canonicalization Scheme, RFC 8785.
 *
 * eddsa-jcs-2022 signs the JCS form, so issuer and verifier must produce the very same
 * bytes for the same JSON value regardless of key order or number spelling. RFC 8785
 * defines strings and numbers by ECMAScript's own JSON.stringify / Number::toString, so
 * those are reused; what remains is sorting object members by UTF-16 code units, which
 * is exactly what the default Array.prototype.sort comparison does.
 */
export function canonicalize(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new TypeError("JCS: NaN and Infinity are not JSON");
      return JSON.stringify(value);
    case "string":
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) {
        // Same convention as JSON.stringify: holes and undefined become null.
        return `[${Array.from(value, (v) => (v === undefined ? "null" : canonicalize(v))).join(",")}]`;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError("JCS: only plain JSON objects can be canonicalized");
      }
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalize(obj[k])}`).join(",")}}`;
    }
    default:
      throw new TypeError(`JCS: ${typeof value} is not a JSON value`);
  }
}
