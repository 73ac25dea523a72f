"use client";

import { useState } from "react";
import { setPrimaryRegionAction } from "@/lib/actions/admin-aliases";
import { secondaryButton } from "@/components/ui/styles";
import { ActionMessage } from "../action-message";
import { useDirectoryAction } from "../directory-action";

/** Which Region the DNS failover record sends people to while it is healthy; the portal records the choice. */
export function AliasPrimaryForm({
  connectionString,
  regions,
  primary,
  chosen,
}: {
  connectionString: string;
  regions: string[];
  primary: string | undefined;
  /** Whether an admin chose the primary (else it is the portal's default, which saving makes a choice). */
  chosen: boolean;
}) {
  const [region, setRegion] = useState(primary ?? regions[0] ?? "");
  const { pending, outcome, run } = useDirectoryAction();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    run(() => setPrimaryRegionAction({ connectionString, region }), `${region} is now the primary Region.`);
  };
  return (
    <form onSubmit={submit} noValidate>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Primary Region</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {regions.map((r) => (
            <label key={r} className="inline-flex items-center gap-2 text-sm">
              <input type="radio" name="primary" value={r} checked={region === r} onChange={() => setRegion(r)} />
              {r}
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" disabled={pending || (chosen && region === primary)} className={`${secondaryButton} mt-2`}>
        Make it primary
      </button>
      <ActionMessage result={outcome} />
    </form>
  );
}
