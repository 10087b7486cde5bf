// Making the sample workspace (`workspace_create_sample`: 2,000 assets, a room of 20 racks,
// 1,022 cables), opening it and saying what it holds: one way, from the first-run screen and
// from the workspace menu.
import { useState } from "react";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { useAppState } from "../../lib/appState";
import { describeError } from "../../lib/errors";

export function useSampleWorkspace(): { making: boolean; make: () => Promise<void> } {
  const t = useT();
  const toast = useToast();
  const { enterWorkspace } = useAppState();
  const [making, setMaking] = useState(false);
  const make = async () => {
    setMaking(true);
    try {
      const made = await call("workspace_create_sample", { name: t("firstRun.sampleName") });
      await enterWorkspace(made.workspace);
      toast(
        t("firstRun.sampleMade", {
          assets: made.counts.assets.toLocaleString(),
          racks: made.counts.racks.toLocaleString(),
          cables: made.counts.cables.toLocaleString(),
        }),
        "success",
      );
    } catch (failure) {
      toast(describeError(t, failure), "error");
    } finally {
      setMaking(false);
    }
  };
  return { making, make };
}
