import { describe, expect, it } from "vitest";
import { envFileDefaults } from "./setup-env";

describe("envFileDefaults", () => {
  it.each([
    ["nothing exported", {}, "3000", "http://localhost:3000"],
    ["PORT exported", { PORT: "3930" }, "3930", "http://localhost:3930"],
    [
      "PORT and PUBLIC_URL exported",
      { PORT: "3930", PUBLIC_URL: "https://hocso.example.gov.vn" },
      "3930",
      "https://hocso.example.gov.vn",
    ],
    ["blank values fall back", { PORT: " ", PUBLIC_URL: "" }, "3000", "http://localhost:3000"],
  ])("%s", (_name, environment, port, publicUrl) => {
    const defaults = envFileDefaults(environment);
    expect(defaults.PORT).toBe(port);
    expect(defaults.PUBLIC_URL).toBe(publicUrl);
    expect(defaults.SESSION_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
