"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { updatePolicyAction } from "@/lib/actions/admin-users";
import type { PolicySettings } from "@/lib/domain/client";
import { ActionMessage, actionError } from "./action-message";

const lines = (ids: string[]) => ids.join("\n");
const parseLines = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
type CatalogText = Record<string, { bundleIds: string; directoryIds: string }>;
const toText = (entries: Record<string, { bundleIds: string[]; directoryIds: string[] }>): CatalogText =>
  Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, { bundleIds: lines(v.bundleIds), directoryIds: lines(v.directoryIds) }]));
const fromText = (entries: CatalogText) =>
  Object.fromEntries(
    Object.entries(entries).map(([k, v]) => [k, { bundleIds: parseLines(v.bundleIds), directoryIds: parseLines(v.directoryIds) }]),
  );

function CatalogEditor({ title, entries, onChange }: { title: string; entries: CatalogText; onChange: (e: CatalogText) => void }) {
  const [newKey, setNewKey] = useState("");
  return (
    <fieldset className="space-y-3 rounded border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium">{title}</legend>
      {Object.entries(entries).map(([key, entry]) => (
        <div key={key} className="grid gap-2 sm:grid-cols-2">
          <label className="text-sm">
            <span className="block text-slate-600">{key}: bundles (one id per line)</span>
            <textarea
              rows={4}
              value={entry.bundleIds}
              onChange={(e) => onChange({ ...entries, [key]: { ...entry, bundleIds: e.target.value } })}
              className="w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs"
            />
          </label>
          <label className="text-sm">
            <span className="block text-slate-600">{key}: directories (one id per line)</span>
            <textarea
              rows={4}
              value={entry.directoryIds}
              onChange={(e) => onChange({ ...entries, [key]: { ...entry, directoryIds: e.target.value } })}
              className="w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs"
            />
          </label>
        </div>
      ))}
      <div className="flex items-end gap-2">
        <label className="text-sm">
          <span className="block text-slate-600">Add {title.toLowerCase().includes("group") ? "a group" : "a persona"}</span>
          <input value={newKey} onChange={(e) => setNewKey(e.target.value)} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <button
          type="button"
          disabled={!newKey.trim() || newKey.trim() in entries}
          onClick={() => {
            onChange({ ...entries, [newKey.trim()]: { bundleIds: "", directoryIds: "" } });
            setNewKey("");
          }}
          className="rounded border border-slate-300 px-2 py-1 text-sm disabled:opacity-50"
        >
          Add
        </button>
      </div>
    </fieldset>
  );
}

export function PolicyForm({ settings, changeTypes }: { settings: PolicySettings; changeTypes: string[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; message: string } | null>(null);
  const [manager, setManager] = useState(String(settings.managerThresholdCents / 100));
  const [admin, setAdmin] = useState(String(settings.adminThresholdCents / 100));
  const [auto, setAuto] = useState<string[]>(settings.autoApprovedChangeTypes);
  const [always, setAlways] = useState<string[]>(settings.alwaysNeedApprovalChangeTypes);
  const [escalation, setEscalation] = useState(String(settings.escalationDays));
  const [expiry, setExpiry] = useState(String(settings.expiryDays));
  const [hours, setHours] = useState(String(settings.expectedAutoStopHoursPerMonth));
  const [byPersona, setByPersona] = useState(toText(settings.catalog.byPersona));
  const [byGroup, setByGroup] = useState(toText(settings.catalog.byGroup));
  const toggle = (list: string[], set: (l: string[]) => void, t: string) =>
    set(list.includes(t) ? list.filter((x) => x !== t) : [...list, t]);

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      const value = {
        managerThresholdCents: Math.round(Number(manager) * 100),
        adminThresholdCents: Math.round(Number(admin) * 100),
        autoApprovedChangeTypes: auto,
        alwaysNeedApprovalChangeTypes: always,
        escalationDays: Number(escalation),
        expiryDays: Number(expiry),
        expectedAutoStopHoursPerMonth: Number(hours),
        catalog: { byPersona: fromText(byPersona), byGroup: fromText(byGroup) },
      };
      const out = await updatePolicyAction({ value });
      setMessage(
        out.ok ? { ok: true, message: "Policy saved. It applies to the next request." } : { ok: false, message: actionError(out) },
      );
      if (out.ok) router.refresh();
    });
  };
  const num = "w-28 rounded border border-slate-300 px-2 py-1";
  return (
    <form onSubmit={save} className="space-y-5 rounded-lg border border-slate-200 bg-white p-4">
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1 text-sm font-medium">Approval thresholds (monthly cost increase, USD)</legend>
        <label className="text-sm">
          <span className="block text-slate-600">Manager approves above</span>
          <input type="number" min={0} step="0.01" value={manager} onChange={(e) => setManager(e.target.value)} className={num} />
        </label>
        <label className="text-sm">
          <span className="block text-slate-600">Manager and an admin approve above</span>
          <input type="number" min={0} step="0.01" value={admin} onChange={(e) => setAdmin(e.target.value)} className={num} />
        </label>
        <p className="w-full text-xs text-slate-600">
          Without a manager (or asking for oneself as a manager), an admin takes the manager&rsquo;s place.
        </p>
      </fieldset>
      {(
        [
          ["Auto-approved change types", auto, setAuto],
          ["Always need the manager", always, setAlways],
        ] as const
      ).map(([legend, list, set]) => (
        <fieldset key={legend} className="flex flex-wrap gap-3 text-sm">
          <legend className="mb-1 font-medium">{legend}</legend>
          {changeTypes.map((t) => (
            <label key={t} className="inline-flex items-center gap-1">
              <input type="checkbox" checked={list.includes(t)} onChange={() => toggle(list, set, t)} /> {t}
            </label>
          ))}
        </fieldset>
      ))}
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1 text-sm font-medium">Timing and estimates</legend>
        <label className="text-sm">
          <span className="block text-slate-600">Escalate after (days)</span>
          <input type="number" min={0} step="any" value={escalation} onChange={(e) => setEscalation(e.target.value)} className={num} />
        </label>
        <label className="text-sm">
          <span className="block text-slate-600">Expire after (days)</span>
          <input type="number" min={0} step="any" value={expiry} onChange={(e) => setExpiry(e.target.value)} className={num} />
        </label>
        <label className="text-sm">
          <span className="block text-slate-600">Expected AutoStop hours per month</span>
          <input type="number" min={0} max={744} value={hours} onChange={(e) => setHours(e.target.value)} className={num} />
        </label>
      </fieldset>
      <CatalogEditor title="Bundles and directories per persona" entries={byPersona} onChange={setByPersona} />
      <CatalogEditor title="Bundles and directories per group" entries={byGroup} onChange={setByGroup} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
      >
        Save policy
      </button>
      <ActionMessage result={message} />
    </form>
  );
}
