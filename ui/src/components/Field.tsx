import { useId, type ReactElement, type ReactNode } from "react";
import { cloneElement } from "react";

interface FieldProps {
  label: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  testId?: string;
  /** The control: an <input>, <select> or <textarea>; it gets the id and aria attributes. */
  children: ReactElement<Record<string, unknown>>;
}

/** A labelled form control with its hint and its error message underneath. */
export function Field({ label, error, hint, required, className, testId, children }: FieldProps) {
  const id = useId();
  const messageId = `${id}-message`;
  const control = cloneElement(children, {
    id,
    // A control may be marked invalid by an error shown elsewhere (e.g. a form's banner).
    "aria-invalid": error !== undefined ? true : children.props["aria-invalid"],
    "aria-describedby": error !== undefined || hint !== undefined ? messageId : undefined,
    "aria-required": required || undefined,
  });
  return (
    <div
      className={`field ${error !== undefined ? "field-invalid" : ""} ${className ?? ""}`}
      data-testid={testId}
    >
      <label className="field-label" htmlFor={id}>
        {label}
        {required && (
          <span className="field-required" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {control}
      {error !== undefined ? (
        <p className="field-error" id={messageId} role="alert">
          {error}
        </p>
      ) : hint !== undefined ? (
        <p className="field-hint" id={messageId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
