import type { Finding } from "../../bindings/Finding";
import { Icon } from "../../components/Icon";
import { useLanguage, useT } from "../../i18n";
import { formatBytes } from "../../lib/format";
import { RecordLink } from "../../lib/navigation";
import type { MessageKey } from "../../i18n/catalogue";
import { recordKindLabel } from "./kindLabel";

type SetAsideFinding = Extract<Finding, { kind: "set_aside" }>;

const REASON: Record<SetAsideFinding["aside"]["reason"], MessageKey> = {
  newer: "findings.aside.newer",
  damaged: "findings.aside.damaged",
  refused_by_server: "findings.aside.refused",
};

const HELP: Record<SetAsideFinding["aside"]["reason"], MessageKey> = {
  newer: "findings.aside.newerHelp",
  damaged: "findings.aside.damagedHelp",
  refused_by_server: "findings.aside.refusedHelp",
};

/**
 * A record this device keeps but does not list: made by a newer version of Cloudwright,
 * damaged, or refused by the team server. The sync went on around it; what to do next is
 * said under it (update the app, ask an administrator, edit the record again).
 */
export function SetAsideFindingRow({ finding }: { finding: SetAsideFinding }) {
  const t = useT();
  const { aside } = finding;
  const kindText = recordKindLabel(t, finding.record_kind);
  return (
    <li
      className="finding"
      data-testid="finding-row"
      data-kind="set_aside"
      data-reason={aside.reason}
      data-doc-id={aside.doc_id}
    >
      <div className="finding-head">
        <span className="finding-kind finding-kind-conflict">
          <Icon name="alert" size={14} />
          {t(REASON[aside.reason])}
        </span>
        <span className="finding-title">
          <span className="finding-field">{kindText}</span>
          {/* A record the server refused is whole here: it opens; one newer or damaged not. */}
          <RecordLink
            record={aside.reason === "refused_by_server" ? aside.doc_id : null}
            className="tabular finding-tag"
            testId="finding-record-link"
          >
            {finding.title || aside.doc_id}
          </RecordLink>
        </span>
      </div>
      <p data-testid="aside-help">{t(HELP[aside.reason])}</p>
      <p className="muted" data-testid="aside-detail">
        {aside.detail}
      </p>
    </li>
  );
}

type FileTooLargeFinding = Extract<Finding, { kind: "file_too_large" }>;

/**
 * A file the team server refused as larger than it takes: kept on this device only, tried
 * again a day later; its size against the server's limit, and what to do.
 */
export function FileTooLargeFindingRow({ finding }: { finding: FileTooLargeFinding }) {
  const t = useT();
  const { language } = useLanguage();
  const { file } = finding;
  return (
    <li
      className="finding"
      data-testid="finding-row"
      data-kind="file_too_large"
      data-sha={file.sha256}
    >
      <div className="finding-head">
        <span className="finding-kind finding-kind-conflict">
          <Icon name="alert" size={14} />
          {t("findings.tooLarge")}
        </span>
        <span className="finding-title">
          <span className="tabular finding-tag">{file.sha256.slice(0, 12)}</span>
        </span>
      </div>
      <p data-testid="too-large-size">
        {file.limit_bytes > 0
          ? t("findings.tooLargeSize", {
              size: formatBytes(file.bytes, language),
              limit: formatBytes(file.limit_bytes, language),
            })
          : t("findings.tooLargeSizeNoLimit", { size: formatBytes(file.bytes, language) })}
      </p>
      <p className="muted">{t("findings.tooLargeHelp")}</p>
    </li>
  );
}
