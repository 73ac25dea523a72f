"use client";

import { useRef, useState } from "react";
import type { DefaultWorkspaceCreationProperties } from "@aws-sdk/client-workspaces";
import { updateCreationPropertiesAction } from "@/lib/actions/admin-directories";
import { FieldError, fieldProps, invalidClass, useFocusFirstInvalid } from "@/components/ui/form-errors";
import { hintClass, inputClass, labelClass, primaryButton } from "@/components/ui/styles";
import { useUnsavedChanges } from "@/components/ui/unsaved-changes";
import { DirectorySection, OutcomeStatus, OutcomeSummary, errorsOf, useDirectoryAction } from "./directory-action";

const FLAGS = [
  ["enableInternetAccess", "EnableInternetAccess", "Internet access"],
  ["userEnabledAsLocalAdministrator", "UserEnabledAsLocalAdministrator", "Users are local administrators"],
  ["enableMaintenanceMode", "EnableMaintenanceMode", "Maintenance mode"],
] as const;

const FORM_ID = "creation";

/** Guidance on automatic maintenance windows, beside the switch (the seed's advice on patching, in our words). */
const MAINTENANCE_GUIDANCE =
  "Maintenance mode lets AWS keep new WorkSpaces up to date in regular maintenance windows: AlwaysOn WorkSpaces " +
  "during a weekly window at night, AutoStop WorkSpaces started about once a month for their updates. Leave it on " +
  "unless your own patch management (a patch server in the VPC, or Group Policy for Windows WorkSpaces) installs " +
  "updates; then schedule those windows outside working hours and tell people beforehand. For work on particular " +
  "WorkSpaces, use the fleet's maintenance mode instead: it keeps users out and holds their changes, and a WorkSpace " +
  "cannot be migrated while it lasts.";
const LABELS = { defaultOu: "Default OU", customSecurityGroupId: "Custom security group" };

/** Defaults for WorkSpaces launched in the directory from now on; only changed fields are sent. */
export function DirectoryCreationForm({
  region,
  directoryId,
  current,
}: {
  region: string;
  directoryId: string;
  current: DefaultWorkspaceCreationProperties;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [defaultOu, setDefaultOu] = useState(current.DefaultOu ?? "");
  const [securityGroup, setSecurityGroup] = useState(current.CustomSecurityGroupId ?? "");
  const [flags, setFlags] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(FLAGS.map(([k, aws]) => [k, current[aws] === true])),
  );
  const { pending, outcome, setOutcome, run } = useDirectoryAction();
  const errors = errorsOf(outcome);
  useFocusFirstInvalid(formRef, errors);

  // Only what differs from what AWS holds is sent (and counts as unsaved).
  const properties: Record<string, string | boolean> = {};
  if (defaultOu.trim() !== (current.DefaultOu ?? "")) properties.defaultOu = defaultOu.trim();
  if (securityGroup.trim() !== (current.CustomSecurityGroupId ?? "")) properties.customSecurityGroupId = securityGroup.trim();
  for (const [k, aws] of FLAGS) if (flags[k] !== (current[aws] === true)) properties[k] = flags[k]!;
  useUnsavedChanges(Object.keys(properties).length > 0);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (Object.keys(properties).length === 0) return setOutcome({ ok: true, message: "Nothing changed." });
    run(
      () => updateCreationPropertiesAction({ region, directoryId, properties }),
      "Creation properties saved. They apply to WorkSpaces launched or rebuilt from now on.",
      { prefix: "properties" },
    );
  };

  return (
    <DirectorySection
      id="creation-properties"
      title="Creation properties"
      hint="Applied to WorkSpaces launched or rebuilt after the change; existing WorkSpaces keep theirs."
    >
      <form ref={formRef} onSubmit={submit} noValidate className="space-y-3">
        <OutcomeSummary formId={FORM_ID} outcome={outcome} labels={LABELS} />
        <div>
          <label htmlFor={`${FORM_ID}-defaultOu`} className={labelClass}>
            {LABELS.defaultOu}
          </label>
          <input
            {...fieldProps(FORM_ID, "defaultOu", errors, `${FORM_ID}-defaultOu-hint`)}
            value={defaultOu}
            onChange={(e) => setDefaultOu(e.target.value)}
            placeholder="OU=WorkSpaces,DC=corp,DC=example,DC=com"
            className={`${inputClass} font-mono text-xs${invalidClass(errors, "defaultOu")}`}
          />
          <p id={`${FORM_ID}-defaultOu-hint`} className={hintClass}>
            Where new WorkSpaces&apos; computer accounts are placed, as a distinguished name.
          </p>
          <FieldError formId={FORM_ID} name="defaultOu" errors={errors} />
        </div>
        <div>
          <label htmlFor={`${FORM_ID}-customSecurityGroupId`} className={labelClass}>
            {LABELS.customSecurityGroupId}
          </label>
          <input
            {...fieldProps(FORM_ID, "customSecurityGroupId", errors, `${FORM_ID}-customSecurityGroupId-hint`)}
            value={securityGroup}
            onChange={(e) => setSecurityGroup(e.target.value)}
            placeholder="sg-0123456789abcdef0"
            className={`${inputClass} font-mono text-xs${invalidClass(errors, "customSecurityGroupId")}`}
          />
          <p id={`${FORM_ID}-customSecurityGroupId-hint`} className={hintClass}>
            sg- followed by 8 or 17 hexadecimal digits; added to new WorkSpaces besides the directory&apos;s own group.
          </p>
          <FieldError formId={FORM_ID} name="customSecurityGroupId" errors={errors} />
        </div>
        <fieldset className="grid gap-1">
          <legend className={labelClass}>New WorkSpaces</legend>
          {FLAGS.map(([k, , label]) => (
            <label key={k} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name={k}
                aria-describedby={k === "enableMaintenanceMode" ? `${FORM_ID}-maintenance-hint` : undefined}
                checked={flags[k]}
                onChange={(e) => setFlags({ ...flags, [k]: e.target.checked })}
                className="size-4 accent-brand-600"
              />
              {label}
            </label>
          ))}
        </fieldset>
        <p id={`${FORM_ID}-maintenance-hint`} className={hintClass} data-testid="maintenance-guidance">
          {MAINTENANCE_GUIDANCE}
        </p>
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Saving…" : "Save creation properties"}
        </button>
        <OutcomeStatus outcome={outcome} />
      </form>
    </DirectorySection>
  );
}
