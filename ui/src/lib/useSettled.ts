// A value that follows another once it has stopped changing for a moment.
import { useEffect, useState } from "react";

/** `value`, once it has stayed the same for `delayMs` (typing settles before a query runs). */
export function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
