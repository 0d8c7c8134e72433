import { useSyncExternalStore } from "react";

const subscribeToNothing = () => () => {};

/**
 * True once React has hydrated: progressive enhancements (live preview, autosave status, try-it)
 * switch on then. The server snapshot is false and the client's true, so the first client render
 * matches the HTML without a state update inside an effect.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}
