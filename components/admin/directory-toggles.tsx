"use client";

import { useState } from "react";
import {
  updateAccessPropertiesAction,
  updateClientPropertiesAction,
  updateSelfServicePermissionsAction,
} from "@/lib/actions/admin-directories";
import { CLIENT_PROPERTIES, DEVICE_TYPES, SELF_SERVICE_PERMISSIONS } from "@/lib/schemas/admin-directories.options";
import { secondaryButton } from "@/components/ui/styles";
import { ActionMessage } from "./action-message";
import { DirectorySection, useDirectoryAction } from "./directory-action";

const LABELS: Record<string, string> = {
  RestartWorkspace: "Restart WorkSpace",
  IncreaseVolumeSize: "Increase volume size",
  ChangeComputeType: "Change compute type",
  SwitchRunningMode: "Switch running mode",
  RebuildWorkspace: "Rebuild WorkSpace",
  DeviceTypeWindows: "Windows",
  DeviceTypeOsx: "macOS",
  DeviceTypeWeb: "Web browser",
  DeviceTypeIos: "iPadOS",
  DeviceTypeAndroid: "Android",
  DeviceTypeChromeOs: "ChromeOS",
  DeviceTypeZeroClient: "Zero client",
  DeviceTypeLinux: "Linux",
  ReconnectEnabled: "Reconnect automatically",
  LogUploadEnabled: "Upload client logs",
};

// Each kind is a flat map of on/off values in AWS's own words (ENABLED/DISABLED or ALLOW/DENY).
const KINDS = {
  selfservice: {
    title: "Self-service permissions",
    hint: "What users may do to their own WorkSpaces from the WorkSpaces client.",
    keys: SELF_SERVICE_PERMISSIONS,
    on: "ENABLED",
    off: "DISABLED",
  },
  access: { title: "Access properties", hint: "Which client device types may connect.", keys: DEVICE_TYPES, on: "ALLOW", off: "DENY" },
  client: {
    title: "Client properties",
    hint: "How the WorkSpaces client behaves.",
    keys: CLIENT_PROPERTIES,
    on: "ENABLED",
    off: "DISABLED",
  },
} as const;

export type DirectoryToggleKind = keyof typeof KINDS;

export function DirectoryToggles({
  kind,
  region,
  directoryId,
  values,
}: {
  kind: DirectoryToggleKind;
  region: string;
  directoryId: string;
  values: Partial<Record<string, string>>;
}) {
  const spec = KINDS[kind];
  const [state, setState] = useState<Record<string, boolean>>(() => Object.fromEntries(spec.keys.map((k) => [k, values[k] === spec.on])));
  const { pending, message, run } = useDirectoryAction();
  const changed = spec.keys.filter((k) => state[k] !== (values[k] === spec.on));
  const ref = { region, directoryId };

  const save = () => {
    const picked = Object.fromEntries(spec.keys.map((k) => [k, state[k] ? spec.on : spec.off]));
    if (kind === "selfservice")
      return run(() => updateSelfServicePermissionsAction({ ...ref, permissions: picked }), "Self-service permissions saved.");
    if (kind === "access") return run(() => updateAccessPropertiesAction({ ...ref, properties: picked }), "Access properties saved.");
    return run(() => updateClientPropertiesAction({ ...ref, properties: picked }), "Client properties saved.");
  };

  const id = `${directoryId}-${kind}`;
  return (
    <DirectorySection id={id} title={spec.title} hint={spec.hint}>
      <fieldset>
        <legend className="sr-only">{spec.title}</legend>
        <div className="grid gap-x-4 gap-y-1 sm:grid-cols-2">
          {spec.keys.map((k) => (
            <label key={k} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={state[k]}
                onChange={(e) => setState({ ...state, [k]: e.target.checked })}
                className="size-4 accent-brand-600"
              />
              {LABELS[k] ?? k}
            </label>
          ))}
        </div>
      </fieldset>
      <button type="button" disabled={pending || changed.length === 0} onClick={save} className={`${secondaryButton} mt-2 px-3 py-1.5`}>
        Save {spec.title.toLowerCase()}
      </button>
      <ActionMessage result={message} />
    </DirectorySection>
  );
}
