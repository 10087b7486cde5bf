import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { useT } from "../i18n";
import { Icon } from "./Icon";

export type ToastTone = "success" | "error" | "info";

/** A button on a toast (e.g. 되돌리기); the toast closes when it is pressed. */
export interface ToastAction {
  label: string;
  run: () => void;
  testId?: string;
}

export interface ToastOptions {
  action?: ToastAction;
  /** How long it stays, in ms (a toast with an action stays longer: see actionLifetimeMs). */
  lifetimeMs?: number;
}

interface ToastItem {
  id: number;
  tone: ToastTone;
  message: string;
  action?: ToastAction;
}

type ShowToast = (message: string, tone?: ToastTone, options?: ToastOptions) => void;

const ToastContext = createContext<ShowToast | null>(null);

const lifetimeMs: Record<ToastTone, number> = { success: 4_000, info: 5_000, error: 9_000 };

/** A toast that offers an action (an undo) stays this long: time to read it and change one's mind. */
export const actionLifetimeMs = 30_000;

/** Short notices at the bottom right; errors stay longer. Screen readers hear them (aria-live). */
export function ToastProvider({ children }: { children: ReactNode }) {
  const t = useT();
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback(
    (id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)),
    [],
  );
  const show = useCallback<ShowToast>(
    (message, tone = "success", options = {}) => {
      const id = nextId.current++;
      const { action } = options;
      setToasts((list) => [...list.slice(-3), { id, tone, message, action }]);
      const lifetime =
        options.lifetimeMs ?? (action === undefined ? lifetimeMs[tone] : actionLifetimeMs);
      window.setTimeout(() => dismiss(id), lifetime);
    },
    [dismiss],
  );
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" aria-live="polite" aria-atomic="false">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            className={`toast toast-${toast.tone}`}
            role={toast.tone === "error" ? "alert" : "status"}
            data-testid="toast"
            data-tone={toast.tone}
          >
            <Icon name={toast.tone === "error" ? "alert" : "check"} />
            <span className="toast-message">{toast.message}</span>
            {toast.action !== undefined && (
              <button
                type="button"
                className="toast-action"
                data-testid={toast.action.testId ?? "toast-action"}
                onClick={() => {
                  const { action } = toast;
                  dismiss(toast.id);
                  action?.run();
                }}
              >
                {toast.action.label}
              </button>
            )}
            <button
              type="button"
              className="icon-btn icon-btn-sm"
              onClick={() => dismiss(toast.id)}
              aria-label={t("toast.dismiss")}
            >
              <Icon name="x" size={14} />
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ShowToast {
  const show = useContext(ToastContext);
  if (show === null) throw new Error("useToast() needs a <ToastProvider> above it");
  return show;
}
