import type { ReactNode } from "react";
import { Icon, type IconName } from "./Icon";

export function EmptyState(props: {
  icon: IconName;
  title: string;
  body?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="empty-state" data-testid={props.testId}>
      <div className="empty-state-icon">
        <Icon name={props.icon} size={28} />
      </div>
      <h2 className="empty-state-title">{props.title}</h2>
      {props.body !== undefined && <p className="empty-state-body">{props.body}</p>}
      {props.actions !== undefined && <div className="empty-state-actions">{props.actions}</div>}
    </div>
  );
}
