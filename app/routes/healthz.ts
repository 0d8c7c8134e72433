import { pingDatabase } from "~/lib/db.server";

export async function loader() {
  const databaseUp = await pingDatabase();
  return new Response(JSON.stringify({ status: databaseUp ? "ok" : "unavailable", database: databaseUp }), {
    status: databaseUp ? 200 : 503,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}
