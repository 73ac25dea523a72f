"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/client";
import {
  updateAccessPropertiesAction,
  updateClientPropertiesAction,
  updateSelfServicePermissionsAction,
} from "@/lib/actions/admin-directories";
import { CLIENT_PROPERTIES, DEVICE_TYPES, SELF_SERVICE_PERMISSIONS } from "@/lib/schemas/admin-directories.options";
import { primaryButton } from "@/components/ui/styles";
import { useUnsavedChanges } from "@/components/ui/unsaved-changes";
import { ActionMessage, actionError } from "./action-message";
import { DirectorySection } from "./directory-action";

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
  access: {
    title: "Devices that may connect",
    hint: "Which client device types may connect.",
    keys: DEVICE_TYPES,
    on: "ALLOW",
    off: "DENY",
  },
  client: {
    title: "Client settings",
    hint: "How the WorkSpaces client behaves.",
    keys: CLIENT_PROPERTIES,
    on: "ENABLED",
    off: "DISABLED",
  },
} as const;

type Kind = keyof typeof KINDS;
const ORDER: Kind[] = ["selfservice", "access", "client"];

/** A directory's settings as on/off values in AWS's words, by kind. */
export type DirectorySettingValues = Record<Kind, Partial<Record<string, string>>>;

type Outcome = { ok: boolean; message: string } | null;

/**
 * What users may do and from which devices, and how the client behaves: one form, one Save. Only the kinds
 * that changed are sent, each as its own audited change; the outcome names the ones saved and any refused.
 */
export function DirectorySettingsForm({
  region,
  directoryId,
  values,
}: {
  region: string;
  directoryId: string;
  values: DirectorySettingValues;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const initial = () =>
    Object.fromEntries(
      ORDER.map((kind) => [kind, Object.fromEntries(KINDS[kind].keys.map((k) => [k, values[kind][k] === KINDS[kind].on]))]),
    ) as Record<Kind, Record<string, boolean>>;
  const [state, setState] = useState(initial);
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const changedKinds = ORDER.filter((kind) => KINDS[kind].keys.some((k) => state[kind][k] !== (values[kind][k] === KINDS[kind].on)));
  const ref = { region, directoryId };
  useUnsavedChanges(changedKinds.length > 0);

  const send = (kind: Kind): Promise<ActionResult<unknown>> => {
    const spec = KINDS[kind];
    const picked = Object.fromEntries(spec.keys.map((k) => [k, state[kind][k] ? spec.on : spec.off]));
    if (kind === "selfservice") return updateSelfServicePermissionsAction({ ...ref, permissions: picked });
    if (kind === "access") return updateAccessPropertiesAction({ ...ref, properties: picked });
    return updateClientPropertiesAction({ ...ref, properties: picked });
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (changedKinds.length === 0) return setOutcome({ ok: true, message: "Nothing changed." });
    start(async () => {
      const saved: string[] = [];
      const refused: string[] = [];
      for (const kind of changedKinds) {
        const out = await send(kind);
        if (out.ok) saved.push(KINDS[kind].title.toLowerCase());
        else refused.push(`${KINDS[kind].title}: ${actionError(out)}`);
      }
      if (refused.length === 0) setOutcome({ ok: true, message: `Saved ${saved.join(", ")}.` });
      else
        setOutcome({
          ok: false,
          message: [saved.length ? `Saved ${saved.join(", ")}.` : "", `Not saved: ${refused.join(" ")}`].filter(Boolean).join(" "),
        });
      if (saved.length) router.refresh();
    });
  };

  return (
    <DirectorySection
      id="settings"
      title="What users may do"
      hint="Self-service permissions, the devices that may connect and the client's behaviour; each change is audited."
    >
      <form ref={formRef} onSubmit={submit} noValidate className="grid gap-4 md:grid-cols-3">
        {ORDER.map((kind) => {
          const spec = KINDS[kind];
          return (
            <fieldset key={kind}>
              <legend className="text-sm font-semibold text-slate-800">{spec.title}</legend>
              <p className="text-xs text-slate-600">{spec.hint}</p>
              <div className="mt-1 grid gap-1">
                {spec.keys.map((k) => (
                  <label key={k} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      name={`${kind}.${k}`}
                      checked={state[kind][k]}
                      onChange={(e) => setState({ ...state, [kind]: { ...state[kind], [k]: e.target.checked } })}
                      className="size-4 accent-brand-600"
                    />
                    {LABELS[k] ?? k}
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
        <div className="md:col-span-3">
          <button type="submit" disabled={pending} className={primaryButton}>
            {pending ? "Saving…" : "Save settings"}
          </button>
          <ActionMessage result={outcome} />
        </div>
      </form>
    </DirectorySection>
  );
}
