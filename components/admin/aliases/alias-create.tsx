"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { createConnectionAliasAction } from "@/lib/actions/admin-aliases";
import { FieldError, fieldProps, invalidClass, useFocusFirstInvalid } from "@/components/ui/form-errors";
import { hintClass, inputClass, labelClass, primaryButton } from "@/components/ui/styles";
import { OutcomeStatus, OutcomeSummary, errorsOf, useDirectoryAction } from "../directory-action";

const FORM_ID = "new-alias";

/** Creates one connection string as an alias in each chosen Region (every managed Region to begin with). */
export function AliasCreateForm({ regions }: { regions: string[] }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [connectionString, setConnectionString] = useState("");
  const [chosen, setChosen] = useState<string[]>(regions.slice(0, 2));
  const { pending, outcome, setOutcome, run } = useDirectoryAction();
  const errors = errorsOf(outcome);
  useFocusFirstInvalid(formRef, errors);
  const hintId = `${FORM_ID}-connectionString-hint`;

  const toggle = (region: string, on: boolean) =>
    setChosen((current) => (on ? regions.filter((r) => r === region || current.includes(r)) : current.filter((r) => r !== region)));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    let result: { connectionString: string; created: { region: string }[]; refused: string[] } | undefined;
    run(
      async () => {
        const out = await createConnectionAliasAction({ connectionString, regions: chosen });
        if (out.ok) result = out.data;
        return out;
      },
      `Created ${connectionString.trim()} in ${chosen.join(" and ")}.`,
      {
        after: () => {
          if (!result) return;
          // A Region AWS refused does not undo the others: say where it was made and where not, and stay here.
          const refusals = result.refused.join(" ");
          if (result.refused.length)
            setOutcome({
              ok: true,
              message: `Created ${result.connectionString} in ${result.created.map((c) => c.region).join(" and ")} only. ${refusals}`,
            });
          else router.push(`/admin/aliases/${result.connectionString}?created=1`);
        },
      },
    );
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-4">
      <OutcomeSummary formId={FORM_ID} outcome={outcome} labels={{ connectionString: "Connection string", regions: "Regions" }} />
      <div className="max-w-md">
        <label htmlFor={`${FORM_ID}-connectionString`} className={labelClass}>
          Connection string
        </label>
        <input
          {...fieldProps(FORM_ID, "connectionString", errors, hintId)}
          value={connectionString}
          onChange={(e) => setConnectionString(e.target.value)}
          placeholder="desktop.example.com"
          autoComplete="off"
          spellCheck={false}
          className={`${inputClass}${invalidClass(errors, "connectionString")}`}
        />
        <p id={hintId} className={hintClass}>
          A name in a DNS domain your organisation controls. People type it into the WorkSpaces client instead of a registration code, and
          it cannot be used by another AWS account afterwards, even once deleted.
        </p>
        <FieldError formId={FORM_ID} name="connectionString" errors={errors} />
      </div>
      <fieldset aria-describedby={errors?.regions ? `${FORM_ID}-regions-error` : undefined}>
        <legend className={labelClass}>Regions</legend>
        <p className={hintClass}>Redirection needs the same name in two Regions: one for every day, one to fail over to.</p>
        <div id={`${FORM_ID}-regions`} tabIndex={-1} className="mt-2 flex flex-wrap gap-4">
          {regions.map((region) => (
            <label key={region} className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" checked={chosen.includes(region)} onChange={(e) => toggle(region, e.target.checked)} />
              {region}
            </label>
          ))}
        </div>
        <FieldError formId={FORM_ID} name="regions" errors={errors} />
      </fieldset>
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? "Creating…" : "Create connection alias"}
      </button>
      <OutcomeStatus outcome={outcome} />
    </form>
  );
}
