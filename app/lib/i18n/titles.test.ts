import { describe, expect, it } from "vitest";
import { pageTitle } from "~/lib/i18n/titles";
import { titlesEn } from "~/lib/i18n/titles.en";
import { titlesVi } from "~/lib/i18n/titles.vi";

const root = (locale: unknown) => [{ id: "root", data: { locale } }];

describe("pageTitle", () => {
  it.each([
    { name: "Vietnamese", matches: root("vi"), lead: [], title: "Đăng nhập · HọcSố" },
    { name: "English", matches: root("en"), lead: [], title: "Log in · HọcSố" },
    { name: "no root data falls back to Vietnamese", matches: [], lead: [], title: "Đăng nhập · HọcSố" },
    { name: "an unknown locale falls back", matches: root("fr"), lead: [], title: "Đăng nhập · HọcSố" },
    {
      name: "content first, empty parts dropped",
      matches: root("en"),
      lead: ["Khóa A", undefined, ""],
      title: "Khóa A · Log in · HọcSố",
    },
  ])("$name", ({ matches, lead, title }) => {
    expect(pageTitle(matches, "title.login", ...lead)).toEqual([{ title }]);
  });

  it("without a key names the content and the site only", () => {
    expect(pageTitle(root("en"), null, "Bài 1", "Khóa A")).toEqual([{ title: "Bài 1 · Khóa A · HọcSố" }]);
  });

  it("every title is translated, with no English left in Vietnamese nor the reverse", () => {
    for (const key of Object.keys(titlesVi) as (keyof typeof titlesVi)[]) {
      expect(titlesEn[key].trim()).not.toBe("");
      expect(titlesEn[key]).not.toBe(titlesVi[key]);
    }
  });
});
