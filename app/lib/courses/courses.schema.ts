import { z } from "zod";

export const videoBeaconSchema = z.object({
  lessonId: z.string().min(1).max(64),
  positionSeconds: z
    .number()
    .finite()
    .min(0)
    .max(24 * 3600),
  watchedDeltaSeconds: z
    .number()
    .finite()
    .min(0)
    .max(24 * 3600),
});
