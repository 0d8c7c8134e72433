/**
 * Offline certificate verification:
 *
 *   npm run verify -- <certificate.jwt|certificate.json> [--keys jwks.json] [--status status.jwt]
 *
 * Needs no network and no database, so an auditor can check a certificate years later
 * from three saved files: the certificate, the issuer's public keys (`/.well-known/jwks.json`
 * or the did:web document `/.well-known/did.json`) and optionally the revocation status
 * list. Exit codes (README "Verifying offline"): 0 valid and checked against a current
 * status list; 1 not valid (revoked, expired, not genuine, unreadable); 2 usage error;
 * 3 genuine and in date but revocation NOT checked (no --status, or no status entry);
 * 4 genuine and in date, not revoked on a status list that is stale.
 */
import fs from "node:fs";
import path from "node:path";
import type { JWK } from "jose";
import { MAX_INPUT_BYTES, verifyCredential, type Verdict, type VerifyOptions } from "~/lib/certificates/verify";

const USAGE = `Cách dùng / Usage:
  npm run verify -- <chung-nhan.jwt|chung-nhan.json> [--keys jwks.json] [--status status.jwt]

  --keys FILE    Khóa công khai của đơn vị cấp (JWKS hoặc did.json). Mặc định: jwks.json cạnh tệp chứng nhận.
                 Issuer public keys (JWKS or did.json). Default: jwks.json next to the certificate.
  --status FILE  Danh sách thu hồi đã lưu (JWT hoặc JSON) để kiểm tra thu hồi.
                 Saved revocation status list (JWT or JSON) to check revocation.
`;

class UsageError extends Error {}

interface Args {
  file: string;
  keys?: string;
  status?: string;
}

function parseArgs(argv: string[]): Args | "help" {
  const out: Partial<Args> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-h" || a === "--help") return "help";
    const [flag, inline] = a.startsWith("--") ? (a.split(/=(.*)/s, 2) as [string, string | undefined]) : [a, undefined];
    if (flag === "--keys" || flag === "--status") {
      const value = inline ?? argv[++i];
      if (!value) throw new UsageError(`Thiếu giá trị cho ${flag} / Missing value for ${flag}`);
      out[flag === "--keys" ? "keys" : "status"] = value;
    } else if (a.startsWith("-") && a !== "-") {
      throw new UsageError(`Tùy chọn không hợp lệ / Unknown option: ${a}`);
    } else if (out.file === undefined) {
      out.file = a;
    } else {
      throw new UsageError(`Chỉ nhận một tệp chứng nhận / Only one certificate file: ${a}`);
    }
  }
  if (!out.file) throw new UsageError("Thiếu tệp chứng nhận / Missing certificate file");
  return out as Args;
}

/** The file's text, or null when it is larger than `maxBytes` (never read into memory). */
function readText(file: string, what: [vi: string, en: string], maxBytes: number): string | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UsageError(`Không tìm thấy ${what[0]} / ${what[1]} not found: ${file}`);
  }
  if (!stat.isFile()) throw new UsageError(`Không phải tệp / Not a file: ${file}`);
  if (stat.size > maxBytes) return null;
  return fs.readFileSync(file, "utf8");
}

/** A JWKS, or a DID document whose verification methods carry publicKeyJwk. */
function loadKeys(file: string): { jwks: { keys: JWK[] }; did?: string } {
  let doc: unknown;
  try {
    const text = readText(file, ["tệp khóa", "Key file"], 4 * 1024 * 1024);
    if (text === null) throw new UsageError(`Tệp khóa quá lớn / Key file too large: ${file}`);
    doc = JSON.parse(text);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`Tệp khóa không phải JSON / Key file is not JSON: ${file}`);
  }
  const d = doc as { keys?: unknown; id?: unknown; verificationMethod?: unknown };
  if (Array.isArray(d.keys)) return { jwks: { keys: d.keys as JWK[] } };
  if (typeof d.id === "string" && Array.isArray(d.verificationMethod)) {
    const keys: JWK[] = [];
    for (const vm of d.verificationMethod as { id?: unknown; publicKeyJwk?: JWK }[]) {
      if (typeof vm.id !== "string" || !vm.publicKeyJwk) continue;
      const fragment = vm.id.includes("#") ? vm.id.slice(vm.id.indexOf("#") + 1) : vm.id;
      keys.push({ ...vm.publicKeyJwk, kid: fragment });
    }
    return { jwks: { keys }, did: d.id };
  }
  throw new UsageError(`Tệp khóa không phải JWKS hay did.json / Key file is neither a JWKS nor a did.json: ${file}`);
}

// ---------------------------------------------------------------------------
// Output

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);

function headline(v: Verdict): string {
  switch (v.status) {
    case "valid":
      return paint(32, "✔ HỢP LỆ / VALID");
    case "revoked":
      return paint(31, "✘ ĐÃ BỊ THU HỒI / REVOKED");
    case "expired":
      return v.reason === "not-yet-valid"
        ? paint(33, "✘ CHƯA CÓ HIỆU LỰC / NOT YET VALID")
        : paint(33, "✘ ĐÃ HẾT HẠN / EXPIRED");
    case "not_genuine":
      return paint(31, "✘ KHÔNG PHẢI CHỨNG NHẬN THẬT / NOT GENUINE");
    case "malformed":
      return paint(31, "✘ KHÔNG ĐỌC ĐƯỢC HOẶC KHÔNG KIỂM TRA ĐƯỢC / MALFORMED OR UNVERIFIABLE");
  }
}

const REASONS: Record<string, string> = {
  signature:
    "Chữ ký không khớp: nội dung đã bị sửa hoặc không do đơn vị này ký / Signature does not match: altered or not signed by this issuer",
  "alg-none": "Tệp không có chữ ký (alg: none) / Unsigned token (alg: none)",
  "alg-not-allowed": "Thuật toán ký không được chấp nhận / Signing algorithm not accepted",
  "unknown-kid": "Khóa ký không có trong danh sách khóa của đơn vị cấp / Signing key is not among the issuer's keys",
  "missing-kid": "Không ghi khóa ký / No signing key identified",
  "key-mismatch": "Khóa ký không đúng loại / Signing key of the wrong type",
  "issuer-key-mismatch": "Khóa ký thuộc về đơn vị khác / Signing key belongs to another issuer",
  "unknown-issuer": "Đơn vị cấp khác với đơn vị của tệp khóa / Issuer differs from the key file's owner",
  "no-proof": "Tệp JSON không có chữ ký (proof) / JSON file has no proof",
  "unsupported-proof": "Loại chữ ký không được hỗ trợ / Unsupported proof type",
  "proof-value": "Giá trị chữ ký hỏng / Corrupt proof value",
  "proof-purpose": "Mục đích chữ ký không đúng / Wrong proof purpose",
  "proof-context": "@context đã bị thay đổi / @context was altered",
  expired: "Đã quá ngày hết hạn / Past its expiry date",
  "not-yet-valid": "Ngày hiệu lực chưa tới / Validity has not started yet",
  revoked: "Đơn vị cấp đã thu hồi chứng nhận này / The issuer has revoked this certificate",
  "too-large": "Tệp quá lớn để là một chứng nhận / File too large to be a certificate",
  "unrecognized-format": "Không phải JWT hay JSON / Neither a JWT nor JSON",
  "status-index-out-of-range": "Vị trí trong danh sách thu hồi không hợp lệ / Status index outside the list",
};

function reasonText(reason: string | undefined): string | undefined {
  if (!reason) return undefined;
  if (REASONS[reason]) return `${REASONS[reason]} (${reason})`;
  if (reason.startsWith("status-list-")) {
    return `Danh sách thu hồi không hợp lệ hoặc không khớp / Status list invalid or not matching (${reason})`;
  }
  return reason;
}

function fmtDate(iso: unknown): string | undefined {
  if (typeof iso !== "string" || Number.isNaN(Date.parse(iso))) return undefined;
  const d = new Date(iso);
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Ho_Chi_Minh",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("day")}/${get("month")}/${get("year")} (${iso})`;
}

/** A verified credential read for display only: every field may be absent or of another type. */
type Loose = Record<string, unknown>;
const asObject = (value: unknown): Loose | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Loose) : undefined;
const asText = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

function holderName(subject: Loose | undefined): string | undefined {
  if (!subject) return undefined;
  if (typeof subject.name === "string") return subject.name;
  const ids = Array.isArray(subject.identifier) ? subject.identifier.map(asObject) : [];
  const byName = ids.find((i) => i?.identityType === "name" && i?.hashed === false);
  return asText(byName?.identityHash);
}

export const EXIT = { valid: 0, invalid: 1, usage: 2, revocationUnchecked: 3, statusListStale: 4 } as const;

/** The exit code for a verdict: "valid" alone is not enough for 0 when revocation is unknown. */
export function exitCode(v: Verdict): number {
  if (v.status !== "valid") return EXIT.invalid;
  if (!v.revocationChecked) return EXIT.revocationUnchecked;
  if (v.statusListInfo?.stale) return EXIT.statusListStale;
  return EXIT.valid;
}

function report(v: Verdict, file: string): string {
  const lines: string[] = [];
  lines.push(`Tệp / File: ${file}`);
  lines.push(`Kết quả / Result: ${headline(v)}`);
  const why = reasonText(v.status === "valid" ? undefined : v.reason);
  if (why) lines.push(`Lý do / Reason: ${why}`);

  const c = v.credential;
  if (c) {
    const subject = asObject(Array.isArray(c.credentialSubject) ? c.credentialSubject[0] : c.credentialSubject);
    const ach = asObject(subject?.achievement);
    const courseName = asText(ach?.name);
    const courseVersion = asText(ach?.version) ?? (typeof ach?.version === "number" ? String(ach.version) : undefined);
    const issuer = asObject(c.issuer);
    const rows: [string, string | undefined][] = [
      ["Người nhận / Holder", holderName(subject)],
      [
        "Khóa học / Course",
        courseName ? `${courseName}${courseVersion ? ` — phiên bản / version ${courseVersion}` : ""}` : undefined,
      ],
      ["Tín chỉ / Credits", typeof ach?.creditsAvailable === "number" ? String(ach.creditsAvailable) : undefined],
      ["Ngày cấp / Issued", fmtDate(c.validFrom)],
      ["Hiệu lực đến / Valid until", c.validUntil ? fmtDate(c.validUntil) : "không thời hạn / no expiry"],
      ["Mã chứng nhận / Code", v.certificateCode],
      [
        "Đơn vị cấp / Issuer",
        issuer ? `${asText(issuer.name) ?? ""} (${asText(issuer.id) ?? ""})` : (asText(c.issuer) ?? ""),
      ],
      ["Định dạng / Format", v.format === "jwt" ? "VC-JWT (RS256)" : "JSON + DataIntegrityProof (eddsa-jcs-2022)"],
      ["Khóa ký / Signing key", v.kid],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, val] of rows) if (val) lines.push(`  ${k.padEnd(width)}  ${val}`);
  }

  const list = v.statusListInfo;
  if (list) {
    const dates = `${fmtDate(list.validFrom) ?? "?"}${list.validUntil ? ` → ${fmtDate(list.validUntil)}` : ""}`;
    lines.push(`Danh sách thu hồi / Status list: ${dates}`);
  }
  if (v.status === "valid" || v.status === "expired") {
    lines.push(
      v.revocationChecked
        ? `Thu hồi / Revocation: đã kiểm tra, chưa bị thu hồi${list?.validFrom ? ` tính đến ${fmtDate(list.validFrom)}` : ""} / checked, not revoked${list?.validFrom ? ` as of ${list.validFrom}` : ""}`
        : paint(
            33,
            "Thu hồi / Revocation: CHƯA kiểm tra (dùng --status để kiểm tra) / NOT checked (use --status to check)",
          ),
    );
    if (list?.stale) {
      lines.push(
        paint(
          33,
          "⚠ Danh sách thu hồi đã cũ: chứng nhận có thể đã bị thu hồi sau ngày đó; hãy tải danh sách mới / The status list is stale: the certificate may have been revoked since; fetch a current list",
        ),
      );
    }
    const page = verifyPage(v.credential);
    lines.push(
      `Cấp lại / Superseded: không biết được khi ngoại tuyến — nếu khóa học đã có phiên bản mới, trang tra cứu trực tuyến${page ? ` (${page})` : ""} sẽ ghi “đã được thay thế”; chứng nhận này vẫn là thật / cannot be known offline — if the course has a newer version, the online page says "superseded"; this certificate stays genuine`,
    );
  } else if (v.status === "revoked") {
    lines.push("Thu hồi / Revocation: đã kiểm tra, ĐÃ BỊ THU HỒI / checked, REVOKED");
  }
  return lines.join("\n") + "\n";
}

/** The public verification page (evidence[0].id), where the online verdict lives. */
function verifyPage(c: Loose | undefined): string | undefined {
  const evidence: unknown = c?.evidence;
  const first = Array.isArray(evidence) ? (evidence[0] as Loose | undefined) : undefined;
  return typeof first?.id === "string" ? first.id : undefined;
}

async function main(argv: string[]): Promise<number> {
  let args: Args | "help";
  let options: VerifyOptions;
  let input: string | null;
  try {
    args = parseArgs(argv);
    if (args === "help") {
      process.stdout.write(USAGE);
      return 0;
    }
    const keysFile = args.keys ?? path.join(path.dirname(args.file), "jwks.json");
    if (!args.keys && !fs.existsSync(keysFile)) {
      throw new UsageError(
        `Không tìm thấy jwks.json cạnh tệp chứng nhận; hãy dùng --keys / No jwks.json next to the certificate; pass --keys (${keysFile})`,
      );
    }
    const { jwks, did } = loadKeys(keysFile);
    input = readText(args.file, ["tệp chứng nhận", "Certificate file"], MAX_INPUT_BYTES);
    options = { jwks, ...(did ? { expectedIssuer: did } : {}) };
    if (args.status) {
      const raw = readText(args.status, ["danh sách thu hồi", "Status list"], 32 * 1024 * 1024);
      if (raw === null) throw new UsageError(`Danh sách thu hồi quá lớn / Status list too large: ${args.status}`);
      const text = raw.trim();
      options.statusList = text.startsWith("{") ? { credential: text } : { credentialJwt: text };
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    throw e;
  }

  const verdict: Verdict =
    input === null
      ? { status: "malformed", reason: "too-large", revocationChecked: false }
      : await verifyCredential(input, options);
  process.stdout.write(report(verdict, args.file));
  return exitCode(verdict);
}

process.exitCode = await main(process.argv.slice(2));
