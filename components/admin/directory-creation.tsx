"use client";

import { useState } from "react";
import type { DefaultWorkspaceCreationProperties } from "@aws-sdk/client-workspaces";
import { updateCreationPropertiesAction } from "@/lib/actions/admin-directories";
import { inputClass, secondaryButton } from "@/components/ui/styles";
import { ActionMessage } from "./action-message";
import { DirectorySection, useDirectoryAction } from "./directory-action";

const FLAGS = [
  ["enableInternetAccess", "EnableInternetAccess", "Internet access"],
  ["userEnabledAsLocalAdministrator", "UserEnabledAsLocalAdministrator", "Users are local administrators"],
  ["enableMaintenanceMode", "EnableMaintenanceMode", "Maintenance mode"],
] as const;

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
  const [defaultOu, setDefaultOu] = useState(current.DefaultOu ?? "");
  const [securityGroup, setSecurityGroup] = useState(current.CustomSecurityGroupId ?? "");
  const [flags, setFlags] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(FLAGS.map(([k, aws]) => [k, current[aws] === true])),
  );
  const { pending, message, run } = useDirectoryAction();

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const properties: Record<string, string | boolean> = {};
    if (defaultOu.trim() !== (current.DefaultOu ?? "")) properties.defaultOu = defaultOu.trim();
    if (securityGroup.trim() !== (current.CustomSecurityGroupId ?? "")) properties.customSecurityGroupId = securityGroup.trim();
    for (const [k, aws] of FLAGS) if (flags[k] !== (current[aws] === true)) properties[k] = flags[k]!;
    run(
      () => updateCreationPropertiesAction({ region, directoryId, properties }),
      "Creation properties saved. They apply to WorkSpaces launched or rebuilt from now on.",
    );
  };

  const id = `${directoryId}-creation`;
  return (
    <DirectorySection
      id={id}
      title="Creation properties"
      hint="Applied to WorkSpaces launched or rebuilt after the change; existing WorkSpaces keep theirs."
    >
      <form onSubmit={submit} className="space-y-2">
        <label className="block text-sm">
          <span className="text-slate-700">Default OU</span>
          <input
            value={defaultOu}
            onChange={(e) => setDefaultOu(e.target.value)}
            placeholder="OU=WorkSpaces,DC=corp,DC=example,DC=com"
            className={`${inputClass} font-mono text-xs`}
          />
        </label>
        <label className="block text-sm">
          <span className="text-slate-700">Custom security group</span>
          <input
            value={securityGroup}
            onChange={(e) => setSecurityGroup(e.target.value)}
            placeholder="sg-0123456789abcdef0"
            className={`${inputClass} font-mono text-xs`}
          />
        </label>
        <div className="grid gap-1">
          {FLAGS.map(([k, , label]) => (
            <label key={k} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={flags[k]}
                onChange={(e) => setFlags({ ...flags, [k]: e.target.checked })}
                className="size-4 accent-brand-600"
              />
              {label}
            </label>
          ))}
        </div>
        <button type="submit" disabled={pending} className={`${secondaryButton} px-3 py-1.5`}>
          Save creation properties
        </button>
        <ActionMessage result={message} />
      </form>
    </DirectorySection>
  );
}
