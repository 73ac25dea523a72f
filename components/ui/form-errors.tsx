"use client";

import { useEffect, type RefObject } from "react";

// One way every form in the portal reports a failed submit: the form has `noValidate` (the browser's own
// bubbles never show), the server's field errors come back keyed by field name, each field is outlined with
// `aria-invalid` and linked to its message with `aria-describedby`, a summary at the top names the fields,
// and focus moves to the first invalid field.

export type FieldErrors = Record<string, string[] | undefined>;

/** The id of a field's message element, so `aria-describedby` and the message agree. */
export const fieldErrorId = (formId: string, name: string) => `${formId}-${name}-error`;
/** The id of the input itself, so the summary can link to it. */
export const fieldInputId = (formId: string, name: string) => `${formId}-${name}`;

/** The first message for a field, or undefined. */
export function firstError(errors: FieldErrors | null | undefined, name: string): string | undefined {
  return errors?.[name]?.[0];
}

/**
 * Props for an input: its id, `aria-invalid` when it has an error, and `aria-describedby` naming its hint
 * (when given) and its message. Spread onto <input>, <select> or <textarea>,
 * and add `invalidClass` to its classes.
 */
export function fieldProps(formId: string, name: string, errors: FieldErrors | null | undefined, hintId?: string) {
  const invalid = Boolean(firstError(errors, name));
  const describedBy = [hintId, invalid ? fieldErrorId(formId, name) : undefined].filter(Boolean).join(" ");
  return {
    id: fieldInputId(formId, name),
    name,
    "aria-invalid": invalid ? (true as const) : undefined,
    "aria-describedby": describedBy || undefined,
  };
}

/** Classes that outline an invalid field; append to the input's own classes. */
export function invalidClass(errors: FieldErrors | null | undefined, name: string): string {
  return firstError(errors, name) ? " border-red-600 ring-2 ring-red-600" : "";
}

/** The message under a field; renders nothing when the field is valid. */
export function FieldError({ formId, name, errors }: { formId: string; name: string; errors: FieldErrors | null | undefined }) {
  const message = firstError(errors, name);
  if (!message) return null;
  return (
    <p id={fieldErrorId(formId, name)} className="mt-1 text-sm text-red-700">
      {message}
    </p>
  );
}

/**
 * The summary at the top of a form after a failed submit: the sentence, then each invalid field by its label,
 * linked to the field. `labels` maps field names to what the form calls them; unknown names are skipped from
 * the list but their messages still show beside the field.
 */
export function ErrorSummary({
  formId,
  message,
  errors,
  labels,
  reasons = [],
}: {
  formId: string;
  message: string | null | undefined;
  errors: FieldErrors | null | undefined;
  labels: Record<string, string>;
  reasons?: string[];
}) {
  if (!message) return null;
  const fields = Object.entries(errors ?? {}).filter(([name, list]) => list?.length && labels[name]);
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      <p className="font-medium">{message}</p>
      {fields.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {fields.map(([name, list]) => (
            <li key={name}>
              <a className="underline" href={`#${fieldInputId(formId, name)}`}>
                {labels[name]}
              </a>
              : {list?.[0]}
            </li>
          ))}
        </ul>
      )}
      {reasons.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * After a failed submit, move focus to the first invalid field in the form (document order). `errors` is the
 * latest result's field errors; the effect runs whenever a new result arrives.
 */
export function useFocusFirstInvalid(formRef: RefObject<HTMLFormElement | null>, errors: FieldErrors | null | undefined) {
  useEffect(() => {
    if (!errors || !Object.values(errors).some((l) => l?.length)) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.focus();
  }, [formRef, errors]);
}
