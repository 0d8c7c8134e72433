/// <reference types="@remix-run/dev" />
/// <reference types="../node_modules/mux-embed/dist/types/mux-embed.d.ts" />

import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    requestId: string;
    cspNonce: string;
  }
}
