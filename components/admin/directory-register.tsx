"use client";

import { useState } from "react";
import { deregisterDirectoryAction, registerDirectoryAction } from "@/lib/actions/admin-directories";
import type { UnregisteredDirectory } from "@/lib/queries/admin-directories";
import { inputClass, primaryButton } from "@/components/ui/styles";
import { ActionMessage } from "./action-message";
import { ConfirmButton } from "./confirm-button";
import { useDirectoryAction } from "./directory-action";

/** Registers a Directory Service directory with WorkSpaces, in two subnets of different Availability Zones. */
export function DirectoryRegisterForm({ candidates }: { candidates: UnregisteredDirectory[] }) {
  const [key, setKey] = useState(candidates[0] ? `${candidates[0].region}/${candidates[0].directoryId}` : "");
  const [subnetA, setSubnetA] = useState("");
  const [subnetB, setSubnetB] = useState("");
  const [selfService, setSelfService] = useState(false);
  const { pending, message, run } = useDirectoryAction();
  const chosen = candidates.find((c) => `${c.region}/${c.directoryId}` === key) ?? candidates[0];

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    run(
      () =>
        registerDirectoryAction({
          region: chosen.region,
          directoryId: chosen.directoryId,
          subnetIds: [subnetA, subnetB],
          enableSelfService: selfService,
        }),
      `Registered ${chosen.name}.`,
      () => {
        setSubnetA("");
        setSubnetB("");
      },
    );
  };

  return (
    <section aria-labelledby="register-directory" className="mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="register-directory" className="text-lg font-medium text-brand-900">
        Register a directory
      </h2>
      {candidates.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">
          Every Directory Service directory in the managed Regions is already registered with WorkSpaces.
        </p>
      ) : (
        <form onSubmit={submit} className="mt-2 flex flex-wrap items-end gap-3">
          <label className="text-sm">
            <span className="block text-slate-700">Directory</span>
            <select value={key} onChange={(e) => setKey(e.target.value)} className="rounded border border-slate-300 px-2 py-2">
              {candidates.map((c) => (
                <option key={`${c.region}/${c.directoryId}`} value={`${c.region}/${c.directoryId}`}>
                  {c.name} · {c.region} · {c.type ?? "directory"}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="block text-slate-700">First subnet</span>
            <input
              required
              value={subnetA}
              onChange={(e) => setSubnetA(e.target.value)}
              placeholder="subnet-0123456789abcdef0"
              className={`${inputClass} w-60 font-mono text-xs`}
            />
          </label>
          <label className="text-sm">
            <span className="block text-slate-700">Second subnet (another Availability Zone)</span>
            <input
              required
              value={subnetB}
              onChange={(e) => setSubnetB(e.target.value)}
              placeholder="subnet-0123456789abcdef1"
              className={`${inputClass} w-60 font-mono text-xs`}
            />
          </label>
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input
              type="checkbox"
              checked={selfService}
              onChange={(e) => setSelfService(e.target.checked)}
              className="size-4 accent-brand-600"
            />
            Enable self-service
          </label>
          <button type="submit" disabled={pending} className={primaryButton}>
            Register directory
          </button>
        </form>
      )}
      <ActionMessage result={message} />
    </section>
  );
}

export function DirectoryDeregister({ region, directoryId, name }: { region: string; directoryId: string; name: string }) {
  const { pending, message, run } = useDirectoryAction();
  return (
    <div>
      <ConfirmButton
        label="Deregister directory"
        question={`Deregister ${name} from WorkSpaces? Nobody can launch WorkSpaces in it until it is registered again.`}
        confirmLabel="Deregister"
        disabled={pending}
        onConfirm={() => run(() => deregisterDirectoryAction({ region, directoryId }), `Deregistered ${name}.`)}
      />
      <ActionMessage result={message} />
    </div>
  );
}
