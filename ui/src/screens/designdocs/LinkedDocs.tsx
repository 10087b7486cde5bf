// The design documents linked to a record (a rack, a room): a line of links, each opening the
// document in 설계 문서 with its state; nothing at all when none is linked, so a rack or a
// floor plan without documents keeps its layout.
import { useT } from "../../i18n";
import { RecordLink } from "../../lib/navigation";
import { useCommand } from "../../lib/useCommand";
import { stateKey } from "./columns";

export function LinkedDocs(props: { record: string }) {
  const t = useT();
  const linked = useCommand("designdoc_linked", { record: props.record });
  const rows = linked.data ?? [];
  if (rows.length === 0) return null;
  return (
    <p className="designdoc-linked muted" data-testid="linked-docs">
      {t("designdoc.linked.title")}:{" "}
      {rows.map((row) => (
        <RecordLink key={row.id} record={`designdoc/${row.id}`} testId="linked-doc">
          {row.title} ({t(stateKey(row.state))})
        </RecordLink>
      ))}
    </p>
  );
}
