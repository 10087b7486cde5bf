// Making the sample workspace (`workspace_create_sample`: 2,000 assets, a room of 20 racks,
// 1,022 cables), opening it and saying what it holds: one way, from the first-run screen and
// from the workspace menu.
import { useState } from "react";
import { useToast } from "../../components/Toast";
import { useLanguage, useT } from "../../i18n";
import { call } from "../../ipc";
import { useAppState } from "../../lib/appState";
import { describeError } from "../../lib/errors";
import { formatCount } from "../../lib/format";

export function useSampleWorkspace(): { making: boolean; make: () => Promise<void> } {
  const t = useT();
  const { language } = useLanguage();
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
          // Formatted for the language, not by the webview's default locale (2000 in WebKit).
          assets: formatCount(made.counts.assets, language),
          racks: formatCount(made.counts.racks, language),
          cables: formatCount(made.counts.cables, language),
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
