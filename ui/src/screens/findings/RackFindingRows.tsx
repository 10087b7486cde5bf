import { useState, type ReactNode } from "react";
import type { Finding } from "../../bindings/Finding";
import type { Resolution } from "../../bindings/Resolution";
import { Button } from "../../components/Button";
import { Icon } from "../../components/Icon";
import { useToast } from "../../components/Toast";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { describeError } from "../../lib/errors";
import { RecordLink } from "../../lib/navigation";
import { useCache } from "../../lib/useCommand";
import { invariantText } from "../racks/rackText";

type RackRuleFinding = Extract<Finding, { kind: "rack_rule" }>;
type CableFinding = Extract<Finding, { kind: "cable_rule" }>;

/** The one-click resolutions a broken rack rule offers, with their button labels. */
function resolutions(finding: RackRuleFinding, t: ReturnType<typeof useT>) {
  const invariant = finding.invariant;
  switch (invariant.rule) {
    case "overlap":
      return [
        {
          label: t("findings.park", { label: invariant.second_label }),
          resolution: {
            action: "park",
            rack: invariant.rack,
            placement: invariant.second,
          } as Resolution,
        },
        {
          label: t("findings.park", { label: invariant.first_label }),
          resolution: {
            action: "park",
            rack: invariant.rack,
            placement: invariant.first,
          } as Resolution,
        },
      ];
    case "past_top":
      return [
        {
          label: t("findings.park", { label: invariant.label }),
          resolution: {
            action: "park",
            rack: invariant.rack,
            placement: invariant.placement,
          } as Resolution,
        },
      ];
    case "asset_in_two_places":
      return invariant.places.map((place) => ({
        label: t("findings.keepHere", { rack: place.rack_name }),
        resolution: {
          action: "keep_asset_here",
          asset: invariant.asset,
          rack: place.rack,
          placement: place.placement,
        } as Resolution,
      }));
  }
}

/** A rack rule broken by a merge, with a button per way to settle it. */
export function RackRuleRow({ finding }: { finding: RackRuleFinding }) {
  const t = useT();
  const toast = useToast();
  const cache = useCache();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const resolve = async (resolution: Resolution) => {
    setBusy(true);
    setError(undefined);
    try {
      await call("rack_resolve", { resolution });
      toast(t("findings.rackResolved"), "success");
      cache.invalidate();
    } catch (failure) {
      setError(describeError(t, failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li
      className="finding"
      data-testid="finding-row"
      data-kind="rack_rule"
      data-rule={finding.invariant.rule}
    >
      <FindingHead tone="conflict" kind={t("findings.rackRule")}>
        {invariantText(t, finding.invariant)}
      </FindingHead>
      <FindingLinks links={rackRuleLinks(finding)} />
      {error !== undefined && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      <div className="finding-actions">
        {resolutions(finding, t).map((option) => (
          <Button
            edits="records"
            key={option.label}
            size="sm"
            busy={busy}
            onClick={() => void resolve(option.resolution)}
            data-testid="rack-resolve"
          >
            {option.label}
          </Button>
        ))}
      </div>
    </li>
  );
}

/** A cable rule broken by a merge: two cables in one port, one label twice, a misfit. */
export function CableRuleRow({ finding }: { finding: CableFinding }) {
  const t = useT();
  const labels = finding.labels.join(", ");
  const text =
    finding.invariant.rule === "port_shared"
      ? t("findings.cable.port_shared", {
          port: finding.port,
          count: finding.labels.length,
          labels,
        })
      : finding.invariant.rule === "label_shared"
        ? t("findings.cable.label_shared", { label: finding.invariant.label, labels })
        : t("findings.cable.kind_does_not_fit", { port: finding.port, labels });
  return (
    <li
      className="finding"
      data-testid="finding-row"
      data-kind="cable_rule"
      data-rule={finding.invariant.rule}
    >
      <FindingHead tone="conflict" kind={t("findings.cable")}>
        {text}
      </FindingHead>
      <FindingLinks
        links={(finding.invariant.rule === "kind_does_not_fit"
          ? [finding.invariant.cable]
          : finding.invariant.cables
        ).map((cable, index) => ({
          record: `cable/${cable}`,
          text: finding.labels[index] ?? cable,
        }))}
      />
    </li>
  );
}

/** The records a broken rack rule is about: the rack (at the device), or the asset and the
 * racks it hangs in. */
function rackRuleLinks(finding: RackRuleFinding): FindingLink[] {
  const invariant = finding.invariant;
  if (invariant.rule === "overlap") {
    return [
      { record: `rack/${invariant.rack}`, text: invariant.rack_name, focus: invariant.first },
    ];
  }
  if (invariant.rule === "past_top") {
    return [
      { record: `rack/${invariant.rack}`, text: invariant.rack_name, focus: invariant.placement },
    ];
  }
  return invariant.places.map((place) => ({
    record: `rack/${place.rack}`,
    text: place.label === "" ? place.rack_name : `${place.rack_name} · ${place.label}`,
    focus: place.placement,
  }));
}

interface FindingLink {
  record: string;
  text: string;
  focus?: string;
}

/** Links to the records a finding is about, each opening its screen. */
function FindingLinks({ links }: { links: readonly FindingLink[] }) {
  if (links.length === 0) return null;
  return (
    <p className="finding-links">
      {links.map((link, index) => (
        <span key={`${link.record}/${link.focus ?? ""}/${index}`}>
          {index > 0 && ", "}
          <RecordLink record={link.record} focus={link.focus} testId="finding-record-link">
            {link.text}
          </RecordLink>
        </span>
      ))}
    </p>
  );
}

/** The head of an inbox row: what kind of finding, then what it says. */
function FindingHead(props: {
  tone: "conflict" | "duplicate";
  kind: string;
  titleTestId?: string;
  children: ReactNode;
}) {
  return (
    <div className="finding-head">
      <span className={`finding-kind finding-kind-${props.tone}`}>
        <Icon name="alert" size={14} />
        {props.kind}
      </span>
      <span className="finding-title" data-testid={props.titleTestId}>
        {props.children}
      </span>
    </div>
  );
}
