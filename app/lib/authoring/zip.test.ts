import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { unzipCourse, zipCourseFiles } from "./zip";

describe("course zips", () => {
  const files = new Map([
    ["course.yaml", "slug: thu\n"],
    ["lessons/01-mot.md", "---\ntitle: x\n---\nNội dung có dấu\n"],
  ]);

  it("round-trips a course folder under its slug", () => {
    const zip = zipCourseFiles("thu", files);
    const back = unzipCourse(zip, "whatever.zip");
    expect(back).toEqual({ ok: true, dirName: "thu", files });
  });

  it("is byte-identical for the same files", () => {
    expect(zipCourseFiles("thu", files)).toEqual(zipCourseFiles("thu", new Map([...files].reverse())));
  });

  it("accepts course.yaml at the top, named after the zip", () => {
    const zip = zipSync({ "course.yaml": strToU8("slug: khoa\n") });
    expect(unzipCourse(zip, "khoa.zip")).toEqual({
      ok: true,
      dirName: "khoa",
      files: new Map([["course.yaml", "slug: khoa\n"]]),
    });
  });

  it.each([
    { name: "not a zip", bytes: strToU8("hello"), error: "authoring.import.notZip" },
    { name: "no course.yaml", bytes: zipSync({ "a/readme.md": strToU8("x") }), error: "authoring.import.noCourse" },
    {
      name: "two top folders",
      bytes: zipSync({ "a/course.yaml": strToU8("x"), "b/course.yaml": strToU8("y") }),
      error: "authoring.import.noCourse",
    },
    {
      name: "path escaping the folder",
      bytes: zipSync({ "a/course.yaml": strToU8("x"), "a/../../evil": strToU8("y") }),
      error: "authoring.import.unsafePath",
    },
    {
      name: "a file above 2 MB",
      bytes: zipSync({ "a/course.yaml": new Uint8Array(2 * 1024 * 1024 + 1) }),
      error: "authoring.import.tooBig",
    },
  ])("refuses $name", ({ bytes, error }) => {
    expect(unzipCourse(bytes, "x.zip")).toEqual({ ok: false, error });
  });

  it("skips macOS metadata and hidden files", () => {
    const zip = zipSync({
      "a/course.yaml": strToU8("x"),
      "__MACOSX/a/._course.yaml": strToU8("junk"),
      "a/.DS_Store": strToU8("junk"),
    });
    expect(unzipCourse(zip, "x.zip")).toEqual({ ok: true, dirName: "a", files: new Map([["course.yaml", "x"]]) });
  });
});
