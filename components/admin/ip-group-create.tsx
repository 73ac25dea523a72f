"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createIpGroupAction } from "@/lib/actions/admin-ip-groups";
import { ActionMessage, actionError } from "./action-message";
import { RulesEditor, type RuleDraft } from "./rules-editor";

export function IpGroupCreateForm({ regions }: { regions: string[] }) {
  const router = useRouter();
  const [region, setRegion] = useState(regions[0] ?? "");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [rules, setRules] = useState<RuleDraft[]>([{ cidr: "", description: "" }]);
  const [tagKey, setTagKey] = useState("");
  const [tagValue, setTagValue] = useState("");
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, start] = useTransition();

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      const filled = rules.filter((r) => r.cidr.trim() || r.description.trim());
      const tags = tagKey.trim() ? [{ key: tagKey.trim(), value: tagValue }] : [];
      const out = await createIpGroupAction({ region, name, description, rules: filled, tags });
      if (!out.ok) return setResult({ ok: false, message: actionError(out) });
      setResult({ ok: true, message: `Created ${name} (${out.data.groupId}).` });
      setName("");
      setDescription("");
      setRules([{ cidr: "", description: "" }]);
      setTagKey("");
      setTagValue("");
      router.refresh();
    });
  };

  return (
    <section aria-labelledby="new-ip-group" className="mb-8 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="new-ip-group" className="mb-3 text-lg font-medium text-brand-900">
        New IP group
      </h2>
      <form onSubmit={submit} className="space-y-3">
        <div className="flex flex-wrap gap-3">
          <label className="text-sm">
            <span className="block text-slate-600">Region</span>
            <select value={region} onChange={(e) => setRegion(e.target.value)} className="rounded border border-slate-300 px-2 py-1">
              {regions.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="block text-slate-600">Name</span>
            <input
              required
              value={name}
              onChange={(e) => setName(e.target.value)}
              className="w-56 rounded border border-slate-300 px-2 py-1"
            />
          </label>
          <label className="text-sm">
            <span className="block text-slate-600">Description</span>
            <input
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              className="w-72 rounded border border-slate-300 px-2 py-1"
            />
          </label>
        </div>
        <RulesEditor rules={rules} onChange={setRules} idPrefix="new" />
        <div className="flex flex-wrap gap-3">
          <label className="text-sm">
            <span className="block text-slate-600">Tag key (optional)</span>
            <input value={tagKey} onChange={(e) => setTagKey(e.target.value)} className="w-40 rounded border border-slate-300 px-2 py-1" />
          </label>
          <label className="text-sm">
            <span className="block text-slate-600">Tag value</span>
            <input
              value={tagValue}
              onChange={(e) => setTagValue(e.target.value)}
              className="w-40 rounded border border-slate-300 px-2 py-1"
            />
          </label>
        </div>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
        >
          Create IP group
        </button>
        <ActionMessage result={result} />
      </form>
    </section>
  );
}
