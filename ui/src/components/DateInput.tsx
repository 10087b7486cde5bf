import type { KeyboardEvent } from "react";
import { localDate as today } from "../lib/format";

/** A date as every form, CSV file and the Rust side write it. */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `value` moved by `days`, or null when it is not a date (empty counts from today). */
export function shiftDate(value: string, days: number, now: Date = new Date()): string | null {
  const match = DATE.exec(value.trim() === "" ? today(now) : value.trim());
  if (match === null) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (date.getMonth() !== Number(match[2]) - 1) return null;
  date.setDate(date.getDate() + days);
  return today(date);
}

/**
 * The one date input of the app: typed as `YYYY-MM-DD` (WebKitGTK's own date control follows
 * the system's locale, mm/dd/yyyy under an English session, and has no picker), with ↑ and ↓
 * for a day later or earlier, PageUp and PageDown for a month's 30 days, and T for today.
 * Whatever is typed goes to Rust, which refuses a date it cannot read with the field's reason.
 */
export function DateInput(props: {
  value: string;
  onChange: (value: string) => void;
  testId?: string;
  id?: string;
  autoFocus?: boolean;
  ariaLabel?: string;
  className?: string;
  /** Set by a surrounding Field, as on any control. */
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
  "aria-required"?: boolean;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const step = { ArrowUp: 1, ArrowDown: -1, PageUp: 30, PageDown: -30 }[event.key];
    if (step !== undefined) {
      const moved = shiftDate(props.value, step);
      if (moved !== null) {
        event.preventDefault();
        props.onChange(moved);
      }
    } else if ((event.key === "t" || event.key === "T") && props.value.trim() === "") {
      event.preventDefault();
      props.onChange(today());
    }
  };
  return (
    <input
      id={props.id}
      className={["input", "mono", "date-input", props.className ?? ""].join(" ").trim()}
      value={props.value}
      placeholder="YYYY-MM-DD"
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      maxLength={10}
      aria-label={props.ariaLabel}
      aria-invalid={props["aria-invalid"]}
      aria-describedby={props["aria-describedby"]}
      aria-required={props["aria-required"]}
      data-testid={props.testId}
      data-autofocus={props.autoFocus || undefined}
      onKeyDown={onKeyDown}
      onChange={(event) => props.onChange(event.target.value)}
    />
  );
}
