import { z } from "zod";

/** The "retry now" button on /admin/xapi: one fixed intent, so an empty post is refused. */
export const retryXapiSchema = z.object({
  intent: z.literal("retry", { errorMap: () => ({ message: "admin.xapi.retryInvalid" }) }),
});
