// Global keyboard shortcuts. Single keys (N, E, I, /, ?, arrows) never fire while the user
// types in a field; Escape is handled by the dialog or panel that is open, not here.
import { useEffect, useRef } from "react";

export type ShortcutMap = Partial<Record<string, (event: KeyboardEvent) => void>>;

/** True when keys typed now belong to a text field, select or editable element. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !["button", "checkbox", "radio", "submit", "reset", "file", "range", "color"].includes(
      target.type,
    );
  }
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target.closest("[contenteditable=true]") !== null)
  );
}

/**
 * The name of the shortcut an event stands for: `n`, `?`, `/`, `mod+k`, `mod+shift+s`,
 * `ArrowDown`, `Enter`. `mod` is Ctrl (or Cmd on a Mac); Shift is named only with `mod` (alone
 * it is part of the character: `?`, `N`). Keys with Alt, or Ctrl on a letter other than named
 * ones, produce names like `mod+x` that simply match nothing.
 */
export function shortcutName(
  event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey"> & {
    code?: string;
    shiftKey?: boolean;
  },
): string | null {
  if (event.altKey) return null;
  let key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  // With the Korean layout active, the N key types "ㅜ": fall back to the physical key so
  // shortcuts work without switching to English input first.
  if (key.length === 1 && !/[\x20-\x7e]/.test(key) && event.code?.startsWith("Key")) {
    key = event.code.slice(3).toLowerCase();
  }
  if (event.ctrlKey || event.metaKey)
    return event.shiftKey === true ? `mod+shift+${key}` : `mod+${key}`;
  return key;
}

/** Listens on the window while `enabled`; handlers see the latest props without re-binding. */
export function useShortcuts(shortcuts: ShortcutMap, enabled = true): void {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || isTypingTarget(event.target)) return;
      const name = shortcutName(event);
      const handler = name === null ? undefined : latest.current[name];
      if (handler === undefined) return;
      event.preventDefault();
      handler(event);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}
