import { PassThrough } from "node:stream";
import {
  createReadableStreamFromReadable,
  type AppLoadContext,
  type EntryContext,
  type HandleErrorFunction,
} from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/components/nonce";
import { DictionaryProvider } from "~/lib/i18n/dictionaries";
import { ALL_PARTS } from "~/lib/i18n/dictionary-parts";
import { messagesFor } from "~/lib/i18n/i18n.server";
import { logger } from "~/lib/logger.server";

export { startBackgroundJobs, stopBackgroundJobs } from "~/lib/jobs.server";
export { disconnectDatabase } from "~/lib/db.server";
export { handleAnswerSave } from "~/lib/exams/answer-endpoint.server";
export { handleVerifyByCode } from "~/lib/certificates/verify-endpoint.server";
export { handleExamStart } from "~/lib/exams/start-endpoint.server";
export {
  handleAttemptForm,
  handleAttemptPage,
  handleExamRoomScript,
  handleResultPage,
} from "~/lib/exams/exam-room.server";
export { handleScormContent } from "~/lib/scorm/content-endpoint.server";

const ABORT_DELAY = 5_000;
// The server has every dictionary in memory: pages render in whatever language the root chose.
const SERVER_DICTIONARIES = {
  vi: { parts: ALL_PARTS, messages: messagesFor("vi") },
  en: { parts: ALL_PARTS, messages: messagesFor("en") },
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.cspNonce;
  // Bots and no-JS clients get the whole document at once; browsers get it streamed.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <DictionaryProvider initial={SERVER_DICTIONARIES}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </DictionaryProvider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error instanceof Error ? error : new Error(String(error)));
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error({ err: error, requestId: loadContext?.requestId }, "render error");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  logger.error({ err: error, url: request.url }, "unhandled error");
};
