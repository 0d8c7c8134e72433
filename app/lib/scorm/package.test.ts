import { describe, expect, it } from "vitest";
import { scormPackage, scormPackageEntries, zipEntries } from "../../../tests/support/scorm-packages";
import { mimeTypeOf, readScormPackage } from "./package";
import { resolveInPackage, standardOf } from "./manifest";

const v12 = scormPackageEntries("scorm12");
const v2004 = scormPackageEntries("scorm2004");
const manifest12 = v12["imsmanifest.xml"];
const manifest2004 = v2004["imsmanifest.xml"];
const with12 = (changes: Record<string, string | Uint8Array | null>) => {
  const entries: Record<string, string | Uint8Array> = { ...v12 };
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) delete entries[name];
    else entries[name] = value;
  }
  return zipEntries(entries);
};
const twoScos = manifest12
  .replace(
    '<item identifier="item1" identifierref="res1">',
    '<item identifier="item0" identifierref="res0"><title>Một</title></item><item identifier="item1" identifierref="res1">',
  )
  .replace(
    "<resources>",
    '<resources><resource identifier="res0" type="webcontent" adlcp:scormtype="sco" href="sco.js"/>',
  );
// Inflates to 40 MB from a few kilobytes.
const zeros = new Uint8Array(40 * 1024 * 1024);

describe("readScormPackage refuses a malformed package with a specific problem", () => {
  const cases: [string, Uint8Array, string, Record<string, string | number>?][] = [
    ["not a zip", new TextEncoder().encode("hello"), "scorm.error.notZip"],
    ["no manifest", with12({ "imsmanifest.xml": null }), "scorm.error.noManifest"],
    [
      "manifest only deeper than one folder",
      zipEntries({ "a/b/imsmanifest.xml": manifest12 }),
      "scorm.error.noManifest",
    ],
    [
      "launch outside the package (../)",
      with12({ "imsmanifest.xml": manifest12.replace('href="index.html">', 'href="../index.html">') }),
      "scorm.error.launchOutside",
      { href: "../index.html" },
    ],
    [
      "launch on another site",
      with12({ "imsmanifest.xml": manifest12.replace('href="index.html">', 'href="https://evil.example/x.html">') }),
      "scorm.error.launchOutside",
    ],
    [
      "launch outside the package through xml:base",
      with12({ "imsmanifest.xml": manifest12.replace("<resources>", '<resources xml:base="../">') }),
      "scorm.error.launchOutside",
      { href: "index.html" },
    ],
    ["launch file not in the zip", with12({ "index.html": null }), "scorm.error.launchMissing", { href: "index.html" }],
    ["a ../ entry", with12({ "../evil.js": "x" }), "scorm.error.unsafePath", { name: "../evil.js" }],
    [
      "a ../ entry inside a folder",
      with12({ "a/../../evil.js": "x" }),
      "scorm.error.unsafePath",
      { name: "a/../../evil.js" },
    ],
    ["an absolute entry", with12({ "/etc/passwd": "x" }), "scorm.error.unsafePath", { name: "/etc/passwd" }],
    ["a nested zip", with12({ "inner.zip": scormPackage("scorm12") }), "scorm.error.nestedZip", { name: "inner.zip" }],
    [
      "a nested zip in a folder, upper-case extension",
      with12({ "media/Old.ZIP": scormPackage("scorm2004") }),
      "scorm.error.nestedZip",
      { name: "media/Old.ZIP" },
    ],
    [
      "SCORM 1.1",
      with12({ "imsmanifest.xml": manifest12.replace("<schemaversion>1.2", "<schemaversion>1.1") }),
      "scorm.error.schemaVersion",
      { version: "1.1" },
    ],
    [
      "SCORM 2004 2nd edition",
      zipEntries({ ...v2004, "imsmanifest.xml": manifest2004.replace("2004 4th Edition", "2004 2nd Edition") }),
      "scorm.error.schemaVersion",
      { version: "2004 2nd Edition" },
    ],
    [
      "sequencing rules",
      scormPackage("scorm2004", {
        sequencing: "<imsss:sequencingRules><imsss:exitConditionRule/></imsss:sequencingRules>",
      }),
      "scorm.error.sequencing",
      { element: "sequencingRules", item: "item1" },
    ],
    [
      "rollup rules",
      scormPackage("scorm2004", { sequencing: "<imsss:rollupRules/>" }),
      "scorm.error.sequencing",
      { element: "rollupRules", item: "item1" },
    ],
    ["a zip bomb", with12({ "media/zeros.bin": zeros }), "scorm.error.zipBomb", { name: "media/zeros.bin" }],
    ["broken XML", with12({ "imsmanifest.xml": "<manifest><organizations>" }), "scorm.error.manifestXml"],
    [
      "DTD entities",
      with12({ "imsmanifest.xml": `<!DOCTYPE m [<!ENTITY a "aaaa">]>${manifest12}` }),
      "scorm.error.manifestXml",
      { reason: "<!ENTITY>" },
    ],
    [
      "no organization",
      with12({ "imsmanifest.xml": manifest12.replace(/<organizations[\s\S]*<\/organizations>/, "<organizations/>") }),
      "scorm.error.noOrganization",
    ],
    [
      "only assets, no SCO",
      with12({ "imsmanifest.xml": manifest12.replace('adlcp:scormtype="sco"', 'adlcp:scormtype="asset"') }),
      "scorm.error.noSco",
    ],
    ["two SCOs", with12({ "imsmanifest.xml": twoScos }), "scorm.error.multipleScos", { count: 2 }],
  ];
  it.each(cases)("%s", (_name, bytes, code, params) => {
    const result = readScormPackage(bytes);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe(code);
    if (params) expect(result.problem.params).toEqual(params);
  });

  it("refuses a zip over the upload size before unpacking it", () => {
    const result = readScormPackage(new Uint8Array(21 * 1024 * 1024));
    expect(result).toEqual({ ok: false, problem: { code: "scorm.error.tooBig", params: { megabytes: 20 } } });
  });
});

describe("readScormPackage reads a good package", () => {
  it("SCORM 1.2: launch file, title, mastery score, one SCO", () => {
    const result = readScormPackage(scormPackage("scorm12"));
    expect(result.ok && result.manifest).toEqual({
      standard: "scorm12",
      title: "Bài SCORM 1.2",
      launchHref: "index.html",
      masteryScore: 80,
      scos: [{ identifier: "item1", title: "Bài SCORM 1.2", href: "index.html" }],
      ignored: [],
    });
    expect(result.ok && [...result.files.keys()].sort()).toEqual(["imsmanifest.xml", "index.html", "sco.js"]);
  });

  it("SCORM 2004: mastery from the primary objective; delivery controls are listed as ignored", () => {
    const result = readScormPackage(scormPackage("scorm2004"));
    expect(result.ok && result.manifest).toMatchObject({
      standard: "scorm2004",
      launchHref: "index.html",
      masteryScore: 80,
      ignored: ["imsss:deliveryControls"],
    });
  });

  it("a package zipped with its folder, item parameters and xml:base", () => {
    const manifest = manifest12
      .replace("<resources>", '<resources xml:base="content/">')
      .replace('identifierref="res1">', 'identifierref="res1" parameters="?lang=vi">');
    const bytes = zipEntries({
      "pkg/imsmanifest.xml": manifest,
      "pkg/content/index.html": v12["index.html"],
      "__MACOSX/pkg/._x": "junk",
    });
    const result = readScormPackage(bytes);
    expect(result.ok && result.manifest.launchHref).toBe("content/index.html?lang=vi");
    expect(result.ok && [...result.files.keys()].sort()).toEqual(["content/index.html", "imsmanifest.xml"]);
  });

  it("a schemaversion-less manifest by its adlcp namespace; no mastery score", () => {
    const manifest = manifest12
      .replace("<schemaversion>1.2</schemaversion>", "")
      .replace(/<adlcp:masteryscore>.*<\/adlcp:masteryscore>/, "");
    const result = readScormPackage(with12({ "imsmanifest.xml": manifest }));
    expect(result.ok && result.manifest).toMatchObject({ standard: "scorm12", masteryScore: null });
  });
});

describe("manifest helpers", () => {
  it.each([
    [["", "index.html"], "index.html"],
    [["content/", "a/../index.html"], "content/index.html"],
    [["", "index.html?x=1#top"], "index.html"],
    [["", "../index.html"], null],
    [["a/", "../../x.html"], null],
    [["", "/x.html"], null],
    [["", "javascript:alert(1)"], null],
    [["", "a%20b.html"], "a b.html"],
  ] as [string[], string | null][])("resolveInPackage(%j) = %j", (parts, expected) => {
    expect(resolveInPackage(...parts)).toBe(expected);
  });

  it.each([
    ["1.2", "", "scorm12"],
    ["2004 3rd Edition", "", "scorm2004"],
    ["2004 4th Edition", "", "scorm2004"],
    ["CAM 1.3", "", "scorm2004"],
    ["1.3", "", null],
    ["", 'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"', "scorm2004"],
    ["", "", null],
  ])("standardOf(%j) = %j", (version, xml, expected) => {
    expect(standardOf(version, xml)).toBe(expected);
  });

  it.each([
    ["index.html", "text/html; charset=utf-8"],
    ["a/B.JS", "text/javascript; charset=utf-8"],
    ["x.unknown", "application/octet-stream"],
  ])("mimeTypeOf(%s)", (path, mime) => expect(mimeTypeOf(path)).toBe(mime));
});
