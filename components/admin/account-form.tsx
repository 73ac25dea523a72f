"use client";

import { useRef, useState } from "react";
import { addAccountAction } from "@/lib/actions/admin-accounts";
import { FieldError, fieldProps, invalidClass, useFocusFirstInvalid } from "@/components/ui/form-errors";
import { hintClass, inputClass, labelClass, primaryButton } from "@/components/ui/styles";
import { useUnsavedChanges } from "@/components/ui/unsaved-changes";
import { OutcomeStatus, OutcomeSummary, errorsOf, useDirectoryAction } from "./directory-action";

const FORM_ID = "new-account";
const LABELS = { name: "Name", roleArn: "Role ARN", externalId: "External id", regions: "Regions" };
// The server names a bad Region by its place in the list; the form has one field for all of them.
const RENAME = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`regions.${i}`, "regions"]));

const splitRegions = (text: string) => [
  ...new Set(
    text
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter(Boolean),
  ),
];

/** Adds another AWS account: the portal assumes the role in each Region before it saves anything. */
export function AccountForm({ defaultRegions }: { defaultRegions: string[] }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState("");
  const [roleArn, setRoleArn] = useState("");
  const [externalId, setExternalId] = useState("");
  const [regions, setRegions] = useState(defaultRegions.join(", "));
  const { pending, outcome, run } = useDirectoryAction();
  const errors = errorsOf(outcome);
  useFocusFirstInvalid(formRef, errors);
  useUnsavedChanges(!outcome?.ok && Boolean(name.trim() || roleArn.trim() || externalId.trim()));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const added = name.trim();
    run(
      () => addAccountAction({ name, roleArn, externalId, regions: splitRegions(regions) }),
      `Added ${added}. Its WorkSpaces appear after the next inventory sync, which has started.`,
      {
        rename: RENAME,
        after: () => {
          setName("");
          setRoleArn("");
          setExternalId("");
        },
      },
    );
  };

  const field = (key: keyof typeof LABELS, value: string, set: (v: string) => void, hint?: string) => (
    <div>
      <label htmlFor={`${FORM_ID}-${key}`} className={labelClass}>
        {LABELS[key]}
        {key === "externalId" ? " (optional)" : ""}
      </label>
      <input
        {...fieldProps(FORM_ID, key, errors, hint ? `${FORM_ID}-${key}-hint` : undefined)}
        value={value}
        onChange={(e) => set(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        className={`${inputClass}${invalidClass(errors, key)}`}
      />
      {hint ? (
        <p id={`${FORM_ID}-${key}-hint`} className={hintClass}>
          {hint}
        </p>
      ) : null}
      <FieldError formId={FORM_ID} name={key} errors={errors} />
    </div>
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-4" aria-labelledby={`${FORM_ID}-title`}>
      <h2 id={`${FORM_ID}-title`} className="text-base font-semibold">
        Add an account
      </h2>
      <OutcomeSummary formId={FORM_ID} outcome={outcome} labels={LABELS} />
      <div className="grid gap-3 md:grid-cols-2">
        {field("name", name, setName, "How the fleet and the directories will name it, for example the business unit.")}
        {field(
          "roleArn",
          roleArn,
          setRoleArn,
          "The IAM role in that account the portal assumes, for example arn:aws:iam::123456789012:role/WorkSpacesPortal.",
        )}
        {field("externalId", externalId, setExternalId, "Only if the role's trust policy asks for an external id.")}
        {field("regions", regions, setRegions, "The Regions it has WorkSpaces in, separated by commas.")}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Checking the role…" : "Add account"}
        </button>
        <OutcomeStatus outcome={outcome} />
      </div>
    </form>
  );
}
