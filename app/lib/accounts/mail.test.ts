import { describe, expect, it } from "vitest";
import {
  afterFailure,
  classifyDeliveryError,
  deliveryErrorText,
  isConnectionFailure,
  isOutboxState,
  MAX_DELIVERY_ATTEMPTS,
  mailHtml,
  messageIdFor,
  retryDelayMs,
  senderDomain,
} from "~/lib/accounts/mail";

describe("retryDelayMs", () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [7, 1_920_000],
    [8, 3_600_000],
    [20, 3_600_000],
    [0, 30_000],
  ])("after attempt %i waits %i ms", (attempt, ms) => {
    expect(retryDelayMs(attempt)).toBe(ms);
  });
});

describe("classifyDeliveryError", () => {
  it.each([
    ["a 550 to the recipient", { code: "EENVELOPE", responseCode: 550 }, "permanent"],
    ["a 554 to the message", { code: "EMESSAGE", responseCode: 554 }, "permanent"],
    ["a 500 syntax error", { responseCode: 500 }, "permanent"],
    ["a 421 service unavailable", { code: "EENVELOPE", responseCode: 421 }, "temporary"],
    ["a 451 greylisting", { responseCode: 451 }, "temporary"],
    ["a refused connection", { code: "ESOCKET", message: "connect ECONNREFUSED" }, "temporary"],
    ["a time-out", { code: "ETIMEDOUT" }, "temporary"],
    ["a 535 authentication failure (our configuration)", { code: "EAUTH", responseCode: 535 }, "temporary"],
    ["a 600 (not SMTP)", { responseCode: 600 }, "temporary"],
    ["something without a code", new Error("boom"), "temporary"],
    ["nothing at all", undefined, "temporary"],
  ])("%s is %s", (_label, error, kind) => {
    expect(classifyDeliveryError(error)).toBe(kind);
  });
});

describe("isConnectionFailure", () => {
  it.each([
    [{ code: "ESOCKET", message: "connect ECONNREFUSED" }, true],
    [{ code: "ECONNECTION" }, true],
    [{ code: "ETIMEDOUT" }, true],
    [{ code: "EDNS" }, true],
    [{ code: "EENVELOPE", responseCode: 421 }, false],
    [{ code: "EENVELOPE", responseCode: 550 }, false],
    [{ code: "EAUTH", responseCode: 535 }, false],
    [new Error("boom"), false],
    [undefined, false],
  ])("%o → %s", (error, expected) => {
    expect(isConnectionFailure(error)).toBe(expected);
  });
});

describe("afterFailure", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  it.each([
    ["temporary", 1, { state: "queued", nextAttemptAt: new Date("2026-12-01T10:00:30Z") }],
    ["temporary", 3, { state: "queued", nextAttemptAt: new Date("2026-12-01T10:02:00Z") }],
    ["temporary", MAX_DELIVERY_ATTEMPTS - 1, { state: "queued", nextAttemptAt: new Date("2026-12-01T10:32:00Z") }],
    ["temporary", MAX_DELIVERY_ATTEMPTS, { state: "failed" }],
    ["permanent", 1, { state: "failed" }],
  ] as const)("a %s failure at attempt %i", (kind, attempts, outcome) => {
    expect(afterFailure(kind, attempts, now)).toEqual(outcome);
  });
});

describe("deliveryErrorText", () => {
  it.each([
    [{ code: "EENVELOPE", response: "550 5.1.1 No such user" }, "EENVELOPE: 550 5.1.1 No such user"],
    [{ code: "ESOCKET", message: "connect ECONNREFUSED 127.0.0.1:25" }, "ESOCKET: connect ECONNREFUSED 127.0.0.1:25"],
    [{ code: "ETIMEDOUT", message: "Connection timeout ETIMEDOUT" }, "Connection timeout ETIMEDOUT"],
    [new Error("boom"), "boom"],
    ["plain", "plain"],
  ])("%o → %s", (error, text) => {
    expect(deliveryErrorText(error)).toBe(text);
  });

  it("keeps at most 1,000 characters", () => {
    expect(deliveryErrorText({ response: "x".repeat(5000) })).toHaveLength(1000);
  });
});

describe("senderDomain and messageIdFor", () => {
  it.each([
    ["HọcSố <no-reply@hocso.local>", "hocso.local"],
    ["no-reply@HocSo.gov.vn", "hocso.gov.vn"],
    ['"Cổng học tập" <thu@mail.hocso.vn> ', "mail.hocso.vn"],
    ["không có địa chỉ", "localhost"],
  ])("%s → %s", (from, domain) => {
    expect(senderDomain(from)).toBe(domain);
    expect(messageIdFor("abc", from)).toBe(`<abc@${domain}>`);
  });
});

describe("isOutboxState", () => {
  it.each([
    ["queued", true],
    ["sending", true],
    ["sent", true],
    ["failed", true],
    ["Sent", false],
    ["", false],
    [null, false],
  ])("%s → %s", (value, expected) => {
    expect(isOutboxState(value)).toBe(expected);
  });
});

describe("mailHtml", () => {
  it("escapes the text, keeps paragraphs and line breaks, and links URLs", () => {
    const html = mailHtml(
      "Chào <Anh> & chị,\n\nMở liên kết: https://hocso.vn/reset-password?token=a_b-1.\nCảm ơn.",
      "vi",
    );
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain("<p>Chào &lt;Anh&gt; &amp; chị,</p>");
    expect(html).toContain(
      '<p>Mở liên kết: <a href="https://hocso.vn/reset-password?token=a_b-1">https://hocso.vn/reset-password?token=a_b-1</a>.<br>\nCảm ơn.</p>',
    );
  });

  it("never lets a URL break out of its attribute", () => {
    const html = mailHtml('http://x.test/"onmouseover="alert(1)', "en");
    expect(html).not.toContain('"onmouseover');
    expect(html).toContain('<a href="http://x.test/">http://x.test/</a>&quot;onmouseover=&quot;alert(1)');
  });

  it.each([
    ["Windows line ends", "a\r\n\r\nb", ["<p>a</p>", "<p>b</p>"]],
    ["several blank lines", "a\n\n\n\nb", ["<p>a</p>", "<p>b</p>"]],
    ["an empty text", "", []],
  ])("%s", (_label, text, paragraphs) => {
    expect(
      mailHtml(text, "vi")
        .split("\n")
        .filter((line) => line.startsWith("<p>")),
    ).toEqual(paragraphs);
  });
});
