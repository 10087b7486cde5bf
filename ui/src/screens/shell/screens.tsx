// The screen table: every screen of the app, once, in navigation order. The shell builds the
// navigation, its badges, the screen shown and the shortcut help from this list and names no
// screen itself; a new screen is its folder (with a messages.ts listed in i18n/catalogue.ts)
// and one entry here.
import type { ReactNode } from "react";
import type { IconName } from "../../components/Icon";
import type { MessageKey } from "../../i18n";
import type { WorkspaceSummary } from "../../lib/dto";
import type { OpenRequest, Route } from "../../lib/navigation";
import { useSync } from "../../lib/sync";
import { AssetsScreen } from "../assets/AssetsScreen";
import { AuditsScreen } from "../audits/AuditsScreen";
import { BackupsScreen } from "../backups/BackupsScreen";
import { CablesScreen } from "../cables/CablesScreen";
import { DesignDocsScreen } from "../designdocs/DesignDocsScreen";
import { FindingsScreen } from "../findings/FindingsScreen";
import { AlertsScreen, useAlertCount } from "../lifecycle/AlertsScreen";
import { useAlertNotifications } from "../lifecycle/useAlertNotifications";
import { PeopleScreen } from "../lifecycle/PeopleScreen";
import { PlansScreen } from "../lifecycle/PlansScreen";
import { MembersScreen } from "../members/MembersScreen";
import { PurchasingScreen } from "../purchasing/PurchasingScreen";
import { RacksScreen } from "../racks/RacksScreen";
import { ReportsScreen } from "../reports/ReportsScreen";
import type { ShortcutRow } from "./ShortcutHelp";

/**
 * What the shell hands every screen. A screen is mounted afresh for each workspace and each
 * navigation; what it keeps across them it holds with `useKept` (lib/navigation.tsx).
 */
export interface ScreenProps {
  workspace: WorkspaceSummary;
  /** Goes to another screen (or record); Back returns here as it was. */
  navigate: (to: Route) => void;
  /** The record a link asked this screen to show (one of the kinds it `opens`); a new
   * object for each navigation, undefined after Back or a navigation item. */
  opening: OpenRequest | undefined;
}

/** A kind of record a screen shows: links to records of the kind go there, and the global
 * search names its hits with `label`. */
export interface ScreenRecordKind {
  /** The document id's prefix (`asset` of `asset/01J…`), or the search's own (`person`). */
  kind: string;
  label: MessageKey;
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
  /** The kinds of record this screen shows: `RecordLink`s and global search hits of these
   * kinds open here, with `opening` set. */
  opens?: readonly ScreenRecordKind[];
  render: (props: ScreenProps) => ReactNode;
}

/** The screen shown first. */
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
    opens: [{ kind: "asset", label: "search.kind.asset" }],
    shortcuts: [
      { keys: [["N"]], action: "help.newAsset" },
      { keys: [["/"]], action: "help.search" },
      { keys: [["E"]], action: "help.edit" },
      { keys: [["I"]], action: "help.import" },
      { keys: [["↑"], ["↓"]], action: "help.move" },
      { keys: [["Enter"]], action: "help.openRow" },
    ],
    render: ({ workspace, opening }) => (
      <AssetsScreen workspace={workspace} openRequest={opening} />
    ),
  },
  {
    id: "racks",
    icon: "rack",
    label: "nav.racks",
    opens: [
      { kind: "rack", label: "search.kind.rack" },
      { kind: "room", label: "search.kind.room" },
      { kind: "site", label: "search.kind.site" },
    ],
    shortcuts: [
      { keys: [["+"], ["-"]], action: "help.floorZoom" },
      { keys: [["0"]], action: "help.floorFit" },
    ],
    render: ({ opening }) => <RacksScreen opening={opening} />,
  },
  {
    id: "cables",
    icon: "cable",
    label: "nav.cables",
    opens: [{ kind: "cable", label: "search.kind.cable" }],
    shortcuts: [
      { keys: [["B"]], action: "help.bulkPlan" },
      { keys: [["P"]], action: "help.printLabels" },
      { keys: [["Space"]], action: "help.selectRow" },
    ],
    render: ({ opening }) => <CablesScreen opening={opening} />,
  },
  {
    id: "alerts",
    icon: "alert",
    label: "nav.alerts",
    badge: { useCount: useAlertsCount, label: "nav.alertsCount" },
    // New alerts become a desktop notification once a day, on any screen.
    useBackground: useAlertNotifications,
    render: () => <AlertsScreen />,
  },
  {
    id: "plans",
    icon: "refresh",
    label: "nav.plans",
    opens: [{ kind: "maintplan", label: "search.kind.plan" }],
    render: ({ opening }) => <PlansScreen opening={opening} />,
  },
  {
    id: "people",
    icon: "tag",
    label: "nav.people",
    opens: [{ kind: "person", label: "search.kind.person" }],
    render: ({ opening }) => <PeopleScreen opening={opening} />,
  },
  {
    id: "audits",
    icon: "check",
    label: "nav.audits",
    opens: [{ kind: "audit", label: "search.kind.audit" }],
    render: ({ opening }) => <AuditsScreen opening={opening} />,
  },
  {
    id: "purchasing",
    icon: "cart",
    label: "nav.purchasing",
    opens: [
      { kind: "purchase", label: "search.kind.purchase" },
      { kind: "vendor", label: "search.kind.vendor" },
    ],
    shortcuts: [
      { keys: [["N"]], action: "help.newPurchasing" },
      { keys: [["/"]], action: "help.search" },
      { keys: [["↑"], ["↓"]], action: "help.move" },
      { keys: [["Enter"]], action: "help.openRow" },
      { keys: [["←"], ["→"]], action: "help.tabs" },
    ],
    render: ({ opening }) => <PurchasingScreen opening={opening} />,
  },
  {
    id: "designdocs",
    icon: "file",
    label: "nav.designdocs",
    opens: [{ kind: "designdoc", label: "nav.designdocs" }],
    shortcuts: [
      { keys: [["N"]], action: "help.newDesignDoc" },
      { keys: [["/"]], action: "help.search" },
      { keys: [["↑"], ["↓"]], action: "help.move" },
      { keys: [["Enter"]], action: "help.openRow" },
      { keys: [["C"]], action: "help.commentMode" },
      { keys: [["+"], ["-"], ["0"]], action: "help.zoom" },
    ],
    render: ({ opening }) => <DesignDocsScreen opening={opening} />,
  },
  {
    id: "reports",
    icon: "file",
    label: "nav.reports",
    render: ({ navigate }) => (
      <ReportsScreen onOpenAssets={() => navigate({ screen: assetScreenId })} />
    ),
  },
  {
    id: "findings",
    icon: "inbox",
    label: "nav.findings",
    navTestId: "findings-nav",
    badge: { useCount: useFindingsCount, label: "nav.findingsCount" },
    render: () => <FindingsScreen />,
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
    render: ({ workspace, navigate }) => (
      <BackupsScreen workspace={workspace} onOpened={() => navigate({ screen: assetScreenId })} />
    ),
  },
];
