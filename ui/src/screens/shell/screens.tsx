// The screen table: every screen of the app, once, in navigation order. The shell builds the
// navigation, its badges, the screen shown and the shortcut help from this list and names no
// screen itself; a new screen is its folder (with a messages.ts listed in i18n/catalogue.ts)
// and one entry here.
import type { ReactNode } from "react";
import type { IconName } from "../../components/Icon";
import type { MessageKey } from "../../i18n";
import type { WorkspaceSummary } from "../../lib/dto";
import { useSync } from "../../lib/sync";
import { AssetsScreen, type OpenAssetRequest } from "../assets/AssetsScreen";
import { AuditsScreen } from "../audits/AuditsScreen";
import { BackupsScreen } from "../backups/BackupsScreen";
import { CablesScreen } from "../cables/CablesScreen";
import { FindingsScreen } from "../findings/FindingsScreen";
import { AlertsScreen, useAlertCount } from "../lifecycle/AlertsScreen";
import { useAlertNotifications } from "../lifecycle/useAlertNotifications";
import { PeopleScreen } from "../lifecycle/PeopleScreen";
import { PlansScreen } from "../lifecycle/PlansScreen";
import { MembersScreen } from "../members/MembersScreen";
import { RacksScreen } from "../racks/RacksScreen";
import { ReportsScreen } from "../reports/ReportsScreen";
import type { ShortcutRow } from "./ShortcutHelp";

/** What the shell hands every screen. A screen is mounted afresh for each workspace. */
export interface ScreenProps {
  workspace: WorkspaceSummary;
  /** Shows the asset list (`assetScreenId`), with `open`'s asset opened when given. */
  openAsset: (open?: OpenAssetRequest) => void;
  /** The asset another screen asked to show; a new object each time it is asked. */
  assetToOpen: OpenAssetRequest | undefined;
}

/** A count beside a screen's navigation item, shown when it is above zero. */
export interface ScreenBadge {
  /** A hook, called while the navigation item is shown (a workspace is open). */
  useCount: () => number;
  /** What a screen reader says for the badge; gets `{count}`. */
  label: MessageKey;
}

export interface ScreenEntry {
  /** The route (`#{id}`), and the navigation item's test id `nav-{id}` unless `navTestId`. */
  id: string;
  icon: IconName;
  /** The navigation item's text. */
  label: MessageKey;
  /** A test id other than `nav-{id}`, for an item whose end-to-end tests predate the rule. */
  navTestId?: string;
  /** Listed before any workspace exists (the first-run screen stands in for it). */
  listedWithoutWorkspace?: boolean;
  /** The badge's test id is `{id}-badge`. */
  badge?: ScreenBadge;
  /** The screen's own keys, listed in the shortcut help (which adds the shell's). */
  shortcuts?: readonly ShortcutRow[];
  /** A hook the shell runs whatever screen is shown, with the open workspace's id or null. */
  useBackground?: (workspaceId: string | null) => void;
  render: (props: ScreenProps) => ReactNode;
}

/** Where `openAsset` goes, and the screen shown first. */
export const assetScreenId = "assets";

function useFindingsCount(): number {
  return useSync().status?.findings ?? 0;
}

function useAlertsCount(): number {
  return useAlertCount(true);
}

export const screens: readonly ScreenEntry[] = [
  {
    id: assetScreenId,
    icon: "box",
    label: "nav.assets",
    listedWithoutWorkspace: true,
    shortcuts: [
      { keys: [["N"]], action: "help.newAsset" },
      { keys: [["/"], ["Ctrl", "K"]], action: "help.search" },
      { keys: [["E"]], action: "help.edit" },
      { keys: [["I"]], action: "help.import" },
      { keys: [["↑"], ["↓"]], action: "help.move" },
      { keys: [["Enter"]], action: "help.openRow" },
    ],
    render: ({ workspace, assetToOpen }) => (
      <AssetsScreen workspace={workspace} openRequest={assetToOpen} />
    ),
  },
  { id: "racks", icon: "rack", label: "nav.racks", render: () => <RacksScreen /> },
  {
    id: "cables",
    icon: "cable",
    label: "nav.cables",
    shortcuts: [
      { keys: [["B"]], action: "help.bulkPlan" },
      { keys: [["P"]], action: "help.printLabels" },
      { keys: [["Space"]], action: "help.selectRow" },
    ],
    render: () => <CablesScreen />,
  },
  {
    id: "alerts",
    icon: "alert",
    label: "nav.alerts",
    badge: { useCount: useAlertsCount, label: "nav.alertsCount" },
    // New alerts become a desktop notification once a day, on any screen.
    useBackground: useAlertNotifications,
    render: ({ openAsset }) => <AlertsScreen onOpenAsset={(id) => openAsset({ id })} />,
  },
  { id: "plans", icon: "refresh", label: "nav.plans", render: () => <PlansScreen /> },
  {
    id: "people",
    icon: "tag",
    label: "nav.people",
    render: ({ openAsset }) => <PeopleScreen onOpenAsset={(id) => openAsset({ id })} />,
  },
  { id: "audits", icon: "check", label: "nav.audits", render: () => <AuditsScreen /> },
  {
    id: "reports",
    icon: "file",
    label: "nav.reports",
    render: ({ openAsset }) => <ReportsScreen onOpenAssets={() => openAsset()} />,
  },
  {
    id: "findings",
    icon: "inbox",
    label: "nav.findings",
    navTestId: "findings-nav",
    badge: { useCount: useFindingsCount, label: "nav.findingsCount" },
    render: ({ openAsset }) => <FindingsScreen onOpenAsset={openAsset} />,
  },
  {
    id: "members",
    icon: "users",
    label: "nav.members",
    shortcuts: [
      { keys: [["↑"], ["↓"]], action: "help.move" },
      { keys: [["G"]], action: "help.memberGrant" },
      { keys: [["R"]], action: "help.memberRole" },
    ],
    render: () => <MembersScreen />,
  },
  {
    id: "backups",
    icon: "database",
    label: "nav.backups",
    shortcuts: [{ keys: [["B"]], action: "help.backupNow" }],
    // A restored or imported workspace, once opened, shows its asset list.
    render: ({ workspace, openAsset }) => (
      <BackupsScreen workspace={workspace} onOpened={() => openAsset()} />
    ),
  },
];
