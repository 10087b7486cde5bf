import type { ButtonHTMLAttributes, ReactNode } from "react";
import { Spinner } from "./Spinner";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: "sm" | "md";
  icon?: ReactNode;
  busy?: boolean;
  shortcut?: string;
}

/** The one button. `busy` shows a spinner and disables it; `shortcut` shows a key hint. */
export function Button({
  variant = "secondary",
  size = "md",
  icon,
  busy = false,
  shortcut,
  className,
  children,
  disabled,
  type,
  ...rest
}: ButtonProps) {
  const classes = ["btn", `btn-${variant}`, size === "sm" ? "btn-sm" : "", className ?? ""]
    .filter(Boolean)
    .join(" ");
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
