import type { ReactNode } from "react";
import { useNavigation } from "../lib/navigation";
import { Button } from "./Button";
import { Icon, type IconName } from "./Icon";

export function EmptyState(props: {
  icon: IconName;
  title: string;
  body?: ReactNode;
  actions?: ReactNode;
  testId?: string;
  /** Smaller, for inside a dialog (see `CreateFirst`). */
  compact?: boolean;
}) {
  return (
    <div
      className={props.compact === true ? "empty-state is-compact" : "empty-state"}
      data-testid={props.testId}
    >
      <div className="empty-state-icon">
        <Icon name={props.icon} size={props.compact === true ? 20 : 28} />
      </div>
      <h2 className="empty-state-title">{props.title}</h2>
      {props.body !== undefined && <p className="empty-state-body">{props.body}</p>}
      {props.actions !== undefined && <div className="empty-state-actions">{props.actions}</div>}
    </div>
  );
}

/**
 * What a dialog shows instead of a picker that would have nothing to choose (issue 18): what
 * to create first and where, with a button that closes the dialog and opens that screen.
 */
export function CreateFirst(props: {
  icon: IconName;
  title: string;
  body: string;
  /** The screen where it is made (`racks`, …) and what its button says. */
  screen: string;
  go: string;
  /** Closes the dialog before the screen changes. */
  onGo: () => void;
  testId?: string;
}) {
  const navigation = useNavigation();
  return (
    <EmptyState
      compact
      icon={props.icon}
      title={props.title}
      body={props.body}
      testId={props.testId ?? "create-first"}
      actions={
        <Button
          variant="primary"
          size="sm"
          data-testid="create-first-go"
          onClick={() => {
            props.onGo();
            navigation.navigate({ screen: props.screen });
          }}
        >
          {props.go}
        </Button>
      }
    />
  );
}
