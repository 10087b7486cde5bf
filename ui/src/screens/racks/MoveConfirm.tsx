import type { PlacedDevice } from "../../bindings/PlacedDevice";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { useT } from "../../i18n";

/** A move waiting for the user's yes: the device, where it goes, and its cables. */
export interface PendingMove {
  device: PlacedDevice;
  /** Where it is and where it would go, as units (`U12–U13`), with the rack when it changes. */
  from: string;
  to: string;
  cables: number;
  run: () => void;
}

/**
 * Asks before a verified or cabled device moves: what was verified is no longer where it was
 * checked, and the labels on its cables name the old unit (they follow the device and the
 * printed ones are marked to print again).
 */
export function MoveConfirm(props: { pending: PendingMove; onClose: () => void }) {
  const t = useT();
  const { pending } = props;
  return (
    <Dialog
      title={t("rack.moveConfirm.title", { label: pending.device.placement.label })}
      onClose={props.onClose}
      size="sm"
      testId="move-confirm"
      footer={
        <>
          <Button onClick={props.onClose} data-testid="move-confirm-cancel">
            {t("rack.moveConfirm.cancel")}
          </Button>
          <Button
            variant="primary"
            data-autofocus
            data-testid="move-confirm-ok"
            onClick={() => {
              props.onClose();
              pending.run();
            }}
          >
            {t("rack.moveConfirm.move")}
          </Button>
        </>
      }
    >
      <p className="tabular" data-testid="move-confirm-where">
        {t("rack.moveConfirm.where", { from: pending.from, to: pending.to })}
      </p>
      {pending.device.placement.status === "verified" && (
        <p data-testid="move-confirm-verified">{t("rack.moveConfirm.verified")}</p>
      )}
      {pending.cables > 0 && (
        <p data-testid="move-confirm-cabled">
          {t("rack.moveConfirm.cabled", { count: pending.cables })}
        </p>
      )}
    </Dialog>
  );
}
