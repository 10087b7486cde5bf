import type { ReactNode } from "react";
import { useT } from "../i18n";
import { Button } from "./Button";
import { Dialog } from "./Dialog";

/**
 * What an action over many records will do, before it is done: a summary (how many), the
 * records it names (which), and the button that does it. `cannotUndo` says so above the
 * buttons; otherwise the action's toast offers 되돌리기 afterwards.
 */
export function ConfirmDialog(props: {
  title: string;
  summary: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  busy?: boolean;
  disabled?: boolean;
  cannotUndo?: boolean;
  danger?: boolean;
  testId?: string;
}) {
  const t = useT();
  const testId = props.testId ?? "confirm-dialog";
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      testId={testId}
      footer={
        <>
          {props.cannotUndo === true && (
            <span className="footer-hint" data-testid={`${testId}-cannot-undo`}>
              {t("confirm.cannotUndo")}
            </span>
          )}
          <Button onClick={props.onClose} data-testid={`${testId}-cancel`}>
            {t("common.cancel")}
          </Button>
          <Button
            variant={props.danger === true ? "danger" : "primary"}
            busy={props.busy}
            disabled={props.disabled}
            onClick={props.onConfirm}
            data-testid={`${testId}-go`}
            data-autofocus
          >
            {props.confirmLabel}
          </Button>
        </>
      }
    >
      <p className="bulk-summary" data-testid={`${testId}-summary`}>
        {props.summary}
      </p>
      {props.children}
    </Dialog>
  );
}
