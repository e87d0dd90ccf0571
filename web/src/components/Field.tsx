import { useEffect, useId, type ReactNode } from "react";
import type { ApiError } from "../api/http";

export interface ControlProps {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
}

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  /** The desk's message when it refused this field's value. */
  error?: string | undefined;
  className?: string;
  children(control: ControlProps): ReactNode;
}

/** A labelled control with its hint and, when the desk refused its value, the reason right next to it. */
export function Field({ label, hint, error, className, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : "", error ? errorId : ""].filter(Boolean).join(" ") || undefined;

  useEffect(() => {
    if (error) document.getElementById(id)?.focus();
  }, [error, id]);

  return (
    <div className={`field${error ? " field--invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The desk's message for `field` when its refusal names that field. */
export const fieldError = (error: ApiError | undefined, field: string): string | undefined =>
  error?.field === field ? error.message : undefined;
