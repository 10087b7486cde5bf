import { useEffect, useRef, type ReactNode } from "react";

interface PopoverProps {
  open: boolean;
  onClose: () => void;
  /** The button (or other anchor) the popover hangs from. */
  anchor: ReactNode;
  children: ReactNode;
  align?: "start" | "end";
  className?: string;
  testId?: string;
}

/** A panel under its anchor that closes on Escape or on a click outside. */
export function Popover({
  open,
  onClose,
  anchor,
  children,
  align = "start",
  className,
  testId,
}: PopoverProps) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return undefined;
    const onPointerDown = (event: MouseEvent) => {
      if (root.current !== null && !root.current.contains(event.target as Node)) onClose();
    };
    document.addEventListener("mousedown", onPointerDown);
    return () => document.removeEventListener("mousedown", onPointerDown);
  }, [open, onClose]);
  return (
    <div
      className="popover-root"
      ref={root}
      onKeyDown={(event) => {
        if (open && event.key === "Escape") {
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }
      }}
    >
      {anchor}
      {open && (
        <div className={`popover popover-${align} ${className ?? ""}`} data-testid={testId}>
          {children}
        </div>
      )}
    </div>
  );
}
