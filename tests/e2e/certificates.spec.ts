import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prisma } from "~/lib/db.server";
import { answerCorrectly, expectSaved, startAttempt, submitWithConfirmation } from "./exam-steps";
import { enrolHere, expect, logIn, test } from "./fixtures";

const SLUG = "an-toan-thong-tin-cho-cong-chuc";

function offlineVerify(file: string, keys: string, status: string) {
  return spawnSync("node", ["--import", "tsx", "app/cli/verify.ts", file, "--keys", keys, "--status", status], {
    encoding: "utf8",
  });
}

test("finish a course → certificate with credits → PDF + credential → QR opens 'valid' → revoked → offline verify agrees", async ({
  page,
  makeUser,
  request,
  browser,
}) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hocso-e2e-cert-"));
  const learner = await makeUser({ fullName: "Nguyễn Thị Ánh Tuyết" });
  await logIn(page, learner, `/courses/${SLUG}`);
  await enrolHere(page);
  const version = await prisma.courseVersion.findFirstOrThrow({
    where: { course: { slug: SLUG }, status: "published" },
    orderBy: { number: "desc" },
    select: { id: true, lessons: { orderBy: { position: "asc" }, select: { key: true } } },
  });
  await page.getByRole("link", { name: "Bắt đầu học" }).click();
  for (const lesson of version.lessons) {
    await expect(page).toHaveURL(new RegExp(`/lessons/${lesson.key}$`));
    await page.getByRole("button", { name: "Đánh dấu đã học xong" }).click();
  }
  await expect(page).toHaveURL(new RegExp(`/courses/${SLUG}$`));
  await page.getByRole("link", { name: "Vào bài kiểm tra" }).click();
  const { questions } = await startAttempt(page);
  for (const [index, question] of questions.entries()) {
    await answerCorrectly(page, index, question);
    await expectSaved(page, index);
  }
  await submitWithConfirmation(page);

  await page.goto("/credits");
  await expect(page.getByRole("heading", { name: /: 2 tín chỉ/ })).toBeVisible();
  const card = page.getByTestId("certificate");
  await expect(card.getByTestId("certificate-status")).toHaveText("Hợp lệ");
  const code = (await card.locator(".font-mono").innerText()).trim();
  expect(code).toMatch(/^HS-[2-9A-Z]{4}-[2-9A-Z]{4}$/);

  const pdfDownload = page.waitForEvent("download");
  await card.getByRole("link", { name: "Tải chứng chỉ (PDF)" }).click();
  const pdfPath = path.join(dir, "certificate.pdf");
  await (await pdfDownload).saveAs(pdfPath);
  const jwtDownload = page.waitForEvent("download");
  await card.getByRole("link", { name: "Tải chứng nhận số (.jwt)" }).click();
  const jwtPath = path.join(dir, `${code}.jwt`);
  await (await jwtDownload).saveAs(jwtPath);

  expect(execFileSync("pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" })).toContain("Nguyễn Thị Ánh Tuyết");
  execFileSync("pdftoppm", ["-png", "-r", "150", "-singlefile", pdfPath, path.join(dir, "page")]);
  const qrUrl = execFileSync("zbarimg", ["-q", "--raw", path.join(dir, "page.png")], { encoding: "utf8" }).trim();
  expect(qrUrl).toMatch(new RegExp(`/verify/${code}$`));

  const keysPath = path.join(dir, "jwks.json");
  fs.writeFileSync(keysPath, await (await request.get("/.well-known/jwks.json")).text());
  const statusPath = path.join(dir, "status.jwt");
  fs.writeFileSync(statusPath, await (await request.get("/credentials/status/1")).text());
  const validRun = offlineVerify(jwtPath, keysPath, statusPath);
  expect(validRun.status, validRun.stdout + validRun.stderr).toBe(0);

  const visitor = await browser.newPage();
  await visitor.goto(qrUrl);
  await expect(visitor.getByTestId("verdict")).toHaveAttribute("data-status", "valid");
  await expect(visitor.getByText("Nguyễn Thị Ánh Tuyết")).toBeVisible();
  const apiValid = await request.get(`/api/verify/${code}`);
  expect(apiValid.status()).toBe(200);
  expect(await apiValid.json()).toMatchObject({ status: "valid", holderName: "Nguyễn Thị Ánh Tuyết" });

  const admin = await makeUser({ role: "admin" });
  const adminPage = await browser.newPage();
  await logIn(adminPage, admin, "/admin/certificates");
  await adminPage.getByLabel("Tìm theo mã hoặc tên người được cấp").fill(code);
  await adminPage.getByRole("button", { name: "Tìm" }).click();
  // The search is a GET form: wait for its results before picking the one certificate.
  await adminPage.waitForURL((url) => url.searchParams.get("q") === code);
  const listed = adminPage.getByRole("listitem").filter({ hasText: code });
  await listed.getByLabel("Lý do thu hồi").fill("Phát hiện thi hộ");
  // Revoking cannot be undone: without the confirmation ticked the form does not go out.
  const confirm = listed.getByRole("checkbox", { name: new RegExp(`thu hồi chứng chỉ ${code} là vĩnh viễn`) });
  await listed.getByRole("button", { name: "Thu hồi" }).click();
  await expect(confirm).toBeFocused();
  await expect(confirm).not.toBeChecked();
  expect(
    (await prisma.certificate.findUniqueOrThrow({ where: { code }, select: { revokedAt: true } })).revokedAt,
  ).toBeNull();
  await confirm.check();
  await listed.getByRole("button", { name: "Thu hồi" }).click();
  await expect(adminPage.getByText(`Đã thu hồi chứng chỉ ${code}.`, { exact: false })).toBeVisible();
  // The holder is told by mail, in their language, with the reason.
  const revokedMail = await prisma.outboxMessage.findFirstOrThrow({
    where: { to: learner.email, subject: `Chứng chỉ ${code} đã bị thu hồi` },
    select: { text: true, locale: true },
  });
  expect(revokedMail.locale).toBe("vi");
  expect(revokedMail.text).toContain("Lý do: Phát hiện thi hộ");

  await visitor.reload();
  await expect(visitor.getByTestId("verdict")).toHaveAttribute("data-status", "revoked");
  await expect(visitor.getByText("Lý do thu hồi: Phát hiện thi hộ")).toBeVisible();
  expect(await (await request.get(`/api/verify/${code}`)).json()).toMatchObject({
    status: "revoked",
    revokedReason: "Phát hiện thi hộ",
  });

  fs.writeFileSync(statusPath, await (await request.get("/credentials/status/1")).text());
  const revokedRun = offlineVerify(jwtPath, keysPath, statusPath);
  expect(revokedRun.status).toBe(1);
  expect(revokedRun.stdout + revokedRun.stderr).toMatch(/thu hồi|revoked/i);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("the public verification page answers for unknown codes and pasted credentials, without login", async ({
  page,
}) => {
  await page.goto("/verify");
  await page.getByLabel("Mã chứng chỉ").fill("hs-2222-2222");
  await page.getByRole("button", { name: "Kiểm tra", exact: true }).click();
  await expect(page.getByText("Không có chứng chỉ với mã này", { exact: true })).toBeVisible();
  await page.goto("/verify");
  await page.getByLabel("Hoặc dán nội dung chứng nhận số").fill("eyJhbGciOiJub25lIn0.eyJmb28iOiJiYXIifQ.");
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-status", /not_genuine|malformed/);
  const did = (await (await page.request.get("/.well-known/did.json")).json()) as { id: string };
  expect(did.id).toMatch(/^did:web:localhost%3A\d+$/);
});
