// The line under the top bar that says, on every screen, why this account cannot change what
// it sees: a viewer ("보기 전용 계정입니다 — 변경할 수 없습니다"), an auditor (audits only), or
// an account the roster does not list. Nothing for an editor or an admin.
import { useT } from "../i18n";
import { accessReason, useEditAccess } from "../lib/editAccess";
import { Icon } from "./Icon";

export function AccessBanner() {
  const t = useT();
  const { access } = useEditAccess();
  const reason = accessReason(access, "records");
  if (reason === undefined) return null;
  return (
    <p className="access-banner" role="status" data-testid="access-banner" data-access={access}>
      <Icon name="alert" size={14} />
      {t(reason)}
    </p>
  );
}
