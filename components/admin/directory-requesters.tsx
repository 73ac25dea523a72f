"use client";

import { useState } from "react";
import { updateDirectoryRequestersAction } from "@/lib/actions/admin-directories";
import { inputClass, primaryButton } from "@/components/ui/styles";
import { useUnsavedChanges } from "@/components/ui/unsaved-changes";
import { DirectorySection, OutcomeStatus, OutcomeSummary, useDirectoryAction } from "./directory-action";

const PERSONA_LABELS: Record<string, string> = { EMPLOYEE: "Employees", CONTRACTOR: "Contractors" };

/** Which personas and groups may request WorkSpaces here: saved into the policy's catalog. */
export function DirectoryRequesters({
  directoryId,
  current,
  personas,
  groups,
}: {
  directoryId: string;
  current: { personas: string[]; groups: string[] };
  personas: string[];
  groups: string[];
}) {
  const [pickedPersonas, setPickedPersonas] = useState(current.personas);
  const [pickedGroups, setPickedGroups] = useState(current.groups);
  const [extraGroups, setExtraGroups] = useState<string[]>([]);
  const [newGroup, setNewGroup] = useState("");
  const { pending, outcome, run } = useDirectoryAction();
  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
  const allGroups = [...new Set([...groups, ...extraGroups])];
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((v) => b.includes(v));
  useUnsavedChanges(!same(pickedPersonas, current.personas) || !same(pickedGroups, current.groups) || newGroup.trim() !== "");

  const addGroup = () => {
    const name = newGroup.trim();
    if (!name) return;
    setExtraGroups([...extraGroups, name]);
    setPickedGroups(toggle(pickedGroups, name, true));
    setNewGroup("");
  };

  return (
    <DirectorySection
      id="requesters"
      title="Who may request WorkSpaces here"
      hint="Saved in the policy's catalog; bundles per persona and group stay as they are under Policies."
    >
      <OutcomeSummary formId="requesters" outcome={outcome} labels={{}} />
      <fieldset>
        <legend className="text-xs font-medium uppercase tracking-wide text-slate-500">Personas</legend>
        <div className="flex flex-wrap gap-x-4">
          {personas.map((p) => (
            <label key={p} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={pickedPersonas.includes(p)}
                onChange={(e) => setPickedPersonas(toggle(pickedPersonas, p, e.target.checked))}
                className="size-4 accent-brand-600"
              />
              {PERSONA_LABELS[p] ?? p}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="mt-2">
        <legend className="text-xs font-medium uppercase tracking-wide text-slate-500">Groups</legend>
        {allGroups.length === 0 && <p className="text-sm text-slate-600">No groups yet.</p>}
        <div className="flex flex-wrap gap-x-4">
          {allGroups.map((g) => (
            <label key={g} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={pickedGroups.includes(g)}
                onChange={(e) => setPickedGroups(toggle(pickedGroups, g, e.target.checked))}
                className="size-4 accent-brand-600"
              />
              {g}
            </label>
          ))}
        </div>
        <div className="mt-1 flex items-center gap-2">
          <label className="text-sm">
            <span className="sr-only">New group name</span>
            <input
              value={newGroup}
              onChange={(e) => setNewGroup(e.target.value)}
              placeholder="Another group"
              className={`${inputClass} w-44 py-1`}
            />
          </label>
          <button type="button" onClick={addGroup} className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50">
            Add group
          </button>
        </div>
      </fieldset>
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          run(
            () => updateDirectoryRequestersAction({ directoryId, personas: pickedPersonas, groups: pickedGroups }),
            "Saved. It applies to the next request.",
          )
        }
        className={`${primaryButton} mt-3`}
      >
        {pending ? "Saving…" : "Save who may request"}
      </button>
      <OutcomeStatus outcome={outcome} />
    </DirectorySection>
  );
}
