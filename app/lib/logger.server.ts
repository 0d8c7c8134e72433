import pino from "pino";
import { env } from "~/lib/env.server";

// Asynchronous destination: request logging must not block the event loop on a hot path.
export const logger = pino(
  { level: env.logLevel, base: { service: "hocso" }, timestamp: pino.stdTimeFunctions.isoTime },
  pino.destination({ sync: false }),
);
