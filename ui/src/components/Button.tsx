import type { ButtonHTMLAttributes, MouseEvent, ReactNode } from "react";
import { type EditScope, useEditAccess } from "../lib/editAccess";
import { Spinner } from "./Spinner";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: "sm" | "md";
  icon?: ReactNode;
  busy?: boolean;
  shortcut?: string;
  /**
   * What the button changes: when the account's role may not (a viewer; an auditor outside
   * audits) it stays focusable but does nothing, and says why on hover and to screen readers.
   */
  edits?: EditScope;
}

/**
 * The one button. `busy` shows a spinner and disables it; `shortcut` shows a key hint;
 * `edits` ties it to what the account may change (see lib/editAccess).
 */
export function Button({
  variant = "secondary",
  size = "md",
  icon,
  busy = false,
  shortcut,
  edits,
  className,
  children,
  disabled,
  type,
  ...rest
}: ButtonProps) {
  const access = useEditAccess();
  const refused = edits === undefined ? undefined : access.reason(edits);
  const classes = [
    "btn",
    `btn-${variant}`,
    size === "sm" ? "btn-sm" : "",
    refused !== undefined ? "is-read-only" : "",
    className ?? "",
  ]
    .filter(Boolean)
    .join(" ");
  if (refused !== undefined) {
    // aria-disabled rather than disabled: it can still be focused, and its title read.
    const ignore = (event: MouseEvent<HTMLButtonElement>) => event.preventDefault();
    return (
      <button
        {...rest}
        type={type ?? "button"}
        className={classes}
        disabled={disabled === true || busy}
        aria-disabled="true"
        title={refused}
        data-read-only="true"
        onClick={ignore}
      >
        {icon}
        {children !== undefined && <span className="btn-label">{children}</span>}
      </button>
    );
  }
  return (
    <button
      type={type ?? "button"}
      className={classes}
      disabled={disabled === true || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? <Spinner size={14} /> : icon}
      {children !== undefined && <span className="btn-label">{children}</span>}
      {shortcut !== undefined && <kbd className="btn-kbd">{shortcut}</kbd>}
    </button>
  );
}
