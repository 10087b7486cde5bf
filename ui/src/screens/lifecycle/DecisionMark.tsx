// A signed decision as this device judges it, beside the line that records it: a green ✓ with
// the signer's roster name and the time, a quiet note when the key was revoked since, or what
// is wrong and what to do. Nothing in a workspace with no team (nobody to check against).
import type { DecisionCheck } from "../../bindings/DecisionCheck";
import { Icon } from "../../components/Icon";
import { useLanguage, useT } from "../../i18n";
import { formatDateTime } from "../../lib/format";
import { decisionProblemText, decisionShown, decisionSigner } from "./decisionText";

export function DecisionMark({ check }: { check: DecisionCheck | undefined }) {
  const t = useT();
  const { language } = useLanguage();
  if (check === undefined || !decisionShown(check)) return null;
  const signer = decisionSigner(check);
  const signed =
    check.at_ms !== 0
      ? t("decision.signedBy", { name: signer, at: formatDateTime(check.at_ms, language) })
      : "";
  if (check.verdict === "valid") {
    return (
      <div
        className="decision-mark is-valid"
        data-testid="decision-check"
        data-action={check.action}
        data-verdict={check.verdict}
      >
        <span className="decision-verified">✓ {t("decision.verified")}</span>
        {signed !== "" && <span className="decision-who"> · {signed}</span>}
        {check.key_revoked_at_ms !== null && (
          <div className="decision-note muted" data-testid="decision-key-revoked">
            {t("decision.keyRevokedSince", {
              at: formatDateTime(check.key_revoked_at_ms, language),
            })}
          </div>
        )}
      </div>
    );
  }
  return (
    <div
      className="decision-mark is-problem"
      role="note"
      data-testid="decision-check"
      data-action={check.action}
      data-verdict={check.verdict}
    >
      <Icon name="alert" size={14} />
      <span>
        {decisionProblemText(t, language, check)}
        {signed !== "" && <span className="decision-who muted"> ({signed})</span>}
      </span>
    </div>
  );
}
