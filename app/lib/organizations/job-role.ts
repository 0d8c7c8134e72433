/**
 * A job role as stored and compared: NFC, trimmed, single spaces, lower case (Vietnamese rules),
 * so "Chuyên viên", " chuyên  viên" and a decomposed "Chuyên viên" are one role. Every way a role
 * comes in (the officials CSV import, the member and assignment forms, the credit requirements
 * form) goes through this function; otherwise a requirement typed "Chuyen-vien" never matches
 * the imported "chuyen-vien".
 */
export function normalizeJobRole(value: string): string {
  return value.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");
}
