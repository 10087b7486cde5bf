import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useT } from "../i18n";
import { pushModal } from "../lib/modalStack";
import { Icon } from "./Icon";

const focusable =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  size?: "sm" | "md" | "lg";
  testId?: string;
  /** Extra key handling inside the dialog (e.g. Ctrl+S); Escape is handled here. */
  onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void;
  /**
   * The form holds changes not saved: Escape, the close button and a click outside ask
   * before throwing them away.
   */
  dirty?: boolean;
}

/**
 * A modal dialog: focus moves into it (to the element marked data-autofocus, or the first
 * control), Tab stays inside, Escape closes it, and focus returns where it was. A dialog
 * whose form was edited (`dirty`) asks first: 계속 고치기 (focused, and Escape again) or
 * 버리고 닫기.
 */
export function Dialog({
  title,
  onClose,
  children,
  footer,
  size = "md",
  testId,
  onKeyDown,
  dirty = false,
}: DialogProps) {
  const t = useT();
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const keepEditing = useRef<HTMLButtonElement>(null);
  const [asking, setAsking] = useState(false);
  // Where focus was when the question came up: 계속 고치기 puts it back there.
  const focusBeforeAsking = useRef<HTMLElement | null>(null);
  const requestClose = () => {
    if (!dirty) {
      onClose();
      return;
    }
    focusBeforeAsking.current =
      document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setAsking(true);
  };
  const keepEditingNow = () => {
    setAsking(false);
    const back = focusBeforeAsking.current;
    window.requestAnimationFrame(() =>
      (back !== null && back.isConnected ? back : panel.current)?.focus(),
    );
  };
  useEffect(() => {
    if (asking) keepEditing.current?.focus();
  }, [asking]);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const release = pushModal();
    const root = panel.current;
    const first =
      root?.querySelector<HTMLElement>("[data-autofocus]") ??
      root?.querySelector<HTMLElement>(focusable);
    (first ?? root)?.focus();
    return () => {
      release();
      previous?.focus();
    };
  }, []);

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (asking) {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        keepEditingNow();
      }
      return;
    }
    onKeyDown?.(event);
    if (event.defaultPrevented) return;
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      requestClose();
      return;
    }
    if (event.key === "Tab" && panel.current !== null) {
      const items = [...panel.current.querySelectorAll<HTMLElement>(focusable)];
      const first = items[0];
      const last = items[items.length - 1];
      if (first === undefined || last === undefined) return;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && requestClose()}
    >
      <div
        ref={panel}
        className={`dialog dialog-${size}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid={testId}
        onKeyDown={handleKeyDown}
      >
        <header className="dialog-header">
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          <button
            type="button"
            className="icon-btn"
            onClick={requestClose}
            aria-label={t("common.close")}
            data-testid="dialog-close"
          >
            <Icon name="x" />
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        {footer !== undefined && <footer className="dialog-footer">{footer}</footer>}
        {asking && (
          <div
            className="dialog-discard"
            role="alertdialog"
            aria-label={t("discard.title")}
            data-testid="discard-confirm"
          >
            <p className="dialog-discard-title">{t("discard.title")}</p>
            <p className="muted">{t("discard.body")}</p>
            <div className="dialog-discard-actions">
              <button
                ref={keepEditing}
                type="button"
                className="btn"
                data-testid="discard-keep"
                onClick={keepEditingNow}
              >
                {t("discard.keep")}
              </button>
              <button
                type="button"
                className="btn btn-danger"
                data-testid="discard-confirm-button"
                onClick={() => {
                  setAsking(false);
                  onClose();
                }}
              >
                {t("discard.confirm")}
              </button>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
