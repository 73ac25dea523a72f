"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { createIpGroupAction } from "@/lib/actions/admin-ip-groups";
import { FieldError, fieldProps, invalidClass, useFocusFirstInvalid } from "@/components/ui/form-errors";
import { inputClass, labelClass, primaryButton } from "@/components/ui/styles";
import { useUnsavedChanges } from "@/components/ui/unsaved-changes";
import { OutcomeStatus, OutcomeSummary, errorsOf, useDirectoryAction } from "./directory-action";
import { IpGroupRules, ruleFieldLabels, type RuleDraft } from "./ip-group-rules";

const FORM_ID = "new-ip-group";

/** Creates a group with its rules (and a tag), then opens the group's page to associate it with directories. */
export function IpGroupCreateForm({ regions }: { regions: string[] }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [region, setRegion] = useState(regions[0] ?? "");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [rules, setRules] = useState<RuleDraft[]>([{ cidr: "", description: "" }]);
  const [tagKey, setTagKey] = useState("");
  const [tagValue, setTagValue] = useState("");
  const { pending, outcome, run } = useDirectoryAction();
  const errors = errorsOf(outcome);
  useFocusFirstInvalid(formRef, errors);
  const edited = Boolean(name.trim() || description.trim() || tagKey.trim() || rules.some((r) => r.cidr.trim() || r.description.trim()));
  useUnsavedChanges(!outcome?.ok && edited);
  const labels = {
    region: "Region",
    name: "Name",
    description: "Description",
    ...ruleFieldLabels(rules),
    "tags.0.key": "Tag key",
    "tags.0.value": "Tag value",
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    // Empty rows are left out; the server's messages are mapped back to the rows as the form shows them.
    const kept = rules.map((r, i) => ({ r, i })).filter(({ r }) => r.cidr.trim() || r.description.trim());
    const rename: Record<string, string> = {};
    kept.forEach(({ i }, j) => {
      rename[`rules.${j}.cidr`] = `rules.${i}.cidr`;
      rename[`rules.${j}.description`] = `rules.${i}.description`;
    });
    const tags = tagKey.trim() ? [{ key: tagKey.trim(), value: tagValue }] : [];
    let created = "";
    run(
      async () => {
        const out = await createIpGroupAction({ region, name, description, rules: kept.map(({ r }) => r), tags });
        if (out.ok) created = out.data.groupId;
        return out;
      },
      `Created ${name}.`,
      { rename, after: () => router.push(`/admin/ip-groups/${created}?created=1`) },
    );
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-4">
      <OutcomeSummary formId={FORM_ID} outcome={outcome} labels={labels} />
      <div className="grid gap-3 sm:grid-cols-[10rem_1fr] md:grid-cols-[10rem_16rem_1fr]">
        <div>
          <label htmlFor={`${FORM_ID}-region`} className={labelClass}>
            Region
          </label>
          <select
            {...fieldProps(FORM_ID, "region", errors)}
            value={region}
            onChange={(e) => setRegion(e.target.value)}
            className={`${inputClass}${invalidClass(errors, "region")}`}
          >
            {regions.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
          <FieldError formId={FORM_ID} name="region" errors={errors} />
        </div>
        <div>
          <label htmlFor={`${FORM_ID}-name`} className={labelClass}>
            Name
          </label>
          <input
            {...fieldProps(FORM_ID, "name", errors)}
            value={name}
            onChange={(e) => setName(e.target.value)}
            className={`${inputClass}${invalidClass(errors, "name")}`}
          />
          <FieldError formId={FORM_ID} name="name" errors={errors} />
        </div>
        <div className="sm:col-span-2 md:col-span-1">
          <label htmlFor={`${FORM_ID}-description`} className={labelClass}>
            Description
          </label>
          <input
            {...fieldProps(FORM_ID, "description", errors)}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            className={`${inputClass}${invalidClass(errors, "description")}`}
          />
          <FieldError formId={FORM_ID} name="description" errors={errors} />
        </div>
      </div>
      <IpGroupRules formId={FORM_ID} rules={rules} onChange={setRules} errors={errors} />
      <div className="grid gap-3 sm:grid-cols-2 md:max-w-lg">
        <div>
          <label htmlFor={`${FORM_ID}-tags.0.key`} className={labelClass}>
            Tag key (optional)
          </label>
          <input
            {...fieldProps(FORM_ID, "tags.0.key", errors)}
            value={tagKey}
            onChange={(e) => setTagKey(e.target.value)}
            className={`${inputClass}${invalidClass(errors, "tags.0.key")}`}
          />
          <FieldError formId={FORM_ID} name="tags.0.key" errors={errors} />
        </div>
        <div>
          <label htmlFor={`${FORM_ID}-tags.0.value`} className={labelClass}>
            Tag value
          </label>
          <input
            {...fieldProps(FORM_ID, "tags.0.value", errors)}
            value={tagValue}
            onChange={(e) => setTagValue(e.target.value)}
            className={`${inputClass}${invalidClass(errors, "tags.0.value")}`}
          />
          <FieldError formId={FORM_ID} name="tags.0.value" errors={errors} />
        </div>
      </div>
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? "Creating…" : "Create IP group"}
      </button>
      <OutcomeStatus outcome={outcome} />
    </form>
  );
}
