// How many dialogs are open. Global shortcuts pause while any is open: keys then belong to
// the dialog.
import { useSyncExternalStore } from "react";

let openCount = 0;
const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of [...listeners]) listener();
}

export function pushModal(): () => void {
  openCount += 1;
  changed();
  let done = false;
  return () => {
    if (done) return;
    done = true;
    openCount -= 1;
    changed();
  };
}

export function useAnyModalOpen(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => openCount > 0,
  );
}
