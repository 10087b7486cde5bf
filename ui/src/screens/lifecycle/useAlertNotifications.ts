// Desktop notifications for alerts: when the app starts and when the local date changes (so
// once a day), the alerts not notified before on this device become one notification. Which
// were notified is kept in the store's local settings (see `alerts_to_notify`).
import { useEffect } from "react";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { localDate, notificationText } from "./lifeText";

/** How often to look whether the date changed. */
const CHECK_MS = 10 * 60 * 1000;

export function useAlertNotifications(workspaceId: string | null) {
  const t = useT();
  useEffect(() => {
    if (workspaceId === null) return;
    let notifiedOn = "";
    let cancelled = false;
    const check = async () => {
      const today = localDate();
      if (today === notifiedOn) return;
      notifiedOn = today;
      try {
        const fresh = await call("alerts_to_notify", { today });
        const text = notificationText(t, fresh);
        if (text !== null && !cancelled) await call("desktop_notify", text);
      } catch {
        // A notification is a convenience: the alerts screen lists them all the same.
      }
    };
    void check();
    const timer = window.setInterval(() => void check(), CHECK_MS);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
    // The language changes the text, not when to notify.
  }, [workspaceId]);
}
