import { z } from "zod";
import { idbStore } from "./idb-store";

// Offline practice packages kept on the device (IndexedDB `hocso-practice`/`packages`): the signed
// package as downloaded (no answer keys: the server never sends them), the device's times, the
// answers given so far, and where the hand-in stands. Used by the exam page (download) and by the
// offline player (public/practice.html), so it uses nothing but IndexedDB.

const DB_NAME = "hocso-practice";
const STORE = "packages";

export const storedPracticeSchema = z.object({
  id: z.string(),
  package: z.object({ body: z.string(), kid: z.string(), sig: z.string() }),
  /** Device wall clock (ms) when stored, opened and handed in. */
  downloadedAt: z.number(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  /** Time spent with the package open, summed from performance.now() across page loads. */
  elapsedMs: z.number(),
  fields: z.array(z.tuple([z.string(), z.string()])),
  state: z.enum(["ready", "open", "handing-in", "handed-in", "refused"]),
  resultUrl: z.string().nullable(),
  error: z.string().nullable(),
});
export type StoredPractice = z.infer<typeof storedPracticeSchema>;

const inStore = idbStore(DB_NAME, STORE, { keyPath: "id" });

export async function listPractice(): Promise<StoredPractice[]> {
  const rows = (await inStore<unknown[]>("readonly", (store) => store.getAll())) ?? [];
  return rows.flatMap((row) => {
    const parsed = storedPracticeSchema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

export async function readPractice(id: string): Promise<StoredPractice | null> {
  const parsed = storedPracticeSchema.safeParse(await inStore<unknown>("readonly", (store) => store.get(id)));
  return parsed.success ? parsed.data : null;
}

export async function writePractice(record: StoredPractice) {
  await inStore("readwrite", (store) => void store.put(record));
}

/** A freshly downloaded package; downloading the same package again keeps what was done with it. */
export async function storeDownloaded(signed: StoredPractice["package"], id: string, now = Date.now()) {
  const existing = await readPractice(id);
  if (existing) return existing;
  const record: StoredPractice = {
    id,
    package: signed,
    downloadedAt: now,
    startedAt: null,
    endedAt: null,
    elapsedMs: 0,
    fields: [],
    state: "ready",
    resultUrl: null,
    error: null,
  };
  await writePractice(record);
  return record;
}
