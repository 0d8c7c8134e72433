import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptsBrotli, precompressedAssets } from "./precompressed";

describe("acceptsBrotli", () => {
  it("reads the br coding and its q value", () => {
    expect(acceptsBrotli("gzip, deflate, br, zstd")).toBe(true);
    expect(acceptsBrotli("br;q=0.5")).toBe(true);
    expect(acceptsBrotli("gzip, br;q=0")).toBe(false);
    expect(acceptsBrotli("gzip")).toBe(false);
    expect(acceptsBrotli(undefined)).toBe(false);
  });
});

describe("precompressedAssets", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hocso-br-"));
  const body = "export const a = 1;\n".repeat(200);
  let server: http.Server;
  let base = "";
  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, "a.js"), body);
    fs.writeFileSync(path.join(dir, "a.js.br"), zlib.brotliCompressSync(body));
    fs.writeFileSync(path.join(dir, "plain.js"), body);
    const app = express();
    app.use("/build", precompressedAssets(dir));
    app.use("/build", express.static(dir));
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (file: string, encoding: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(`${base}/build/${file}`, { headers: { "accept-encoding": encoding } }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
          );
        })
        .on("error", reject);
    });

  it("sends the brotli copy to a browser that accepts br", async () => {
    const response = await get("a.js", "gzip, deflate, br");
    expect(response.headers["content-encoding"]).toBe("br");
    expect(response.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(response.headers.vary).toMatch(/Accept-Encoding/i);
    expect(zlib.brotliDecompressSync(response.body).toString()).toBe(body);
  });

  it("falls through to the plain file without br, or without a copy", async () => {
    for (const [file, encoding] of [
      ["a.js", "gzip"],
      ["plain.js", "br"],
    ]) {
      const response = await get(file, encoding);
      expect(response.status).toBe(200);
      expect(response.headers["content-encoding"]).toBeUndefined();
      expect(response.body.toString()).toBe(body);
    }
  });

  it("never leaves the directory", async () => {
    const response = await get("..%2f..%2fetc%2fpasswd", "br");
    expect(response.headers["content-encoding"]).toBeUndefined();
  });
});
