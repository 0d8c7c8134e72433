import { createContext, useContext } from "react";

// The per-request CSP nonce, provided around <RemixServer> so concurrent renders never share it.
export const NonceContext = createContext<string | undefined>(undefined);
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
