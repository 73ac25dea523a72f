"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { ErrorSummary, FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";
import { createBundleAction, deleteBundleAction, setBundleDisplayAction, updateBundleImageAction } from "@/lib/actions/admin-bundles";
import type { BundleView } from "@/lib/queries/admin-bundles";
import { ActionMessage, actionError } from "./action-message";
import { ConfirmButton } from "./confirm-button";
import { DataTable, type DataColumn } from "./data-table";

type Msg = { ok: boolean; message: string } | null;
type Image = { region: string; imageId: string; name: string };
type Failure = { message: string; errors?: FieldErrors } | null;

/** A bundle with its words already chosen on the server, so no label table travels to the browser. */
export type BundleRow = BundleView & {
  labels: { compute: string; computeRank: number; os: string; protocol: string; offered: string };
};

export const bundleHref = (b: { bundleId: string; region: string }) => `/admin/bundles/${b.bundleId}?region=${b.region}`;

const columns: DataColumn<BundleRow>[] = [
  {
    id: "name",
    header: "Name",
    sortValue: (b) => b.name,
    cell: (b) => (
      <span className="block min-w-40">
        <Link href={bundleHref(b)} className="font-medium text-brand-700 underline">
          {b.name}
        </Link>
        {b.display && <span className="block text-xs text-slate-600">In the catalog as “{b.display.displayName}”</span>}
        <code data-raw-id className="block text-xs text-slate-600">
          {b.bundleId}
        </code>
      </span>
    ),
  },
  { id: "region", header: "Region", sortValue: (b) => b.region },
  { id: "owner", header: "Owner", sortValue: (b) => (b.custom ? "Custom" : "Amazon") },
  { id: "computeType", header: "Compute", sortValue: (b) => b.labels.computeRank, cell: (b) => b.labels.compute },
  { id: "os", header: "OS", sortValue: (b) => b.labels.os },
  { id: "protocol", header: "Protocol", sortValue: (b) => b.labels.protocol },
  {
    id: "volumes",
    header: "Root / user",
    sortValue: (b) => b.rootVolumeGib ?? 0,
    cell: (b) => <span className="whitespace-nowrap">{`${b.rootVolumeGib ?? "?"} / ${b.userVolumeGib ?? "?"} GB`}</span>,
  },
  { id: "inUse", header: "WorkSpaces", sortValue: (b) => b.inUse },
  { id: "offered", header: "Offered to", sortValue: (b) => b.labels.offered },
];

/** The bundle list: each name opens the bundle's own page, where it is edited or deleted. */
export function BundleTable({ bundles }: { bundles: BundleRow[] }) {
  return (
    <DataTable
      label="Bundles"
      data={bundles}
      columns={columns}
      getRowId={(b) => `${b.region}/${b.bundleId}`}
      empty="No bundle matches these filters."
    />
  );
}

const field = "w-full rounded border border-slate-300 px-2 py-1";

/** How an offered bundle shows in the employees' catalog. */
export function CatalogDisplayForm({ bundle, offeredText }: { bundle: BundleView; offeredText: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<Failure>(null);
  const [saved, setSaved] = useState(false);
  const [displayName, setDisplayName] = useState(bundle.display?.displayName ?? "");
  const [description, setDescription] = useState(bundle.display?.description ?? "");
  useFocusFirstInvalid(formRef, failure?.errors);
  const id = "bundle-display";
  const errors = failure?.errors;
  return (
    <form
      ref={formRef}
      noValidate
      aria-labelledby={`${id}-title`}
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        const local: FieldErrors = {};
        if (!displayName.trim()) local.displayName = ["Give the bundle a display name."];
        if (local.displayName) return setFailure({ message: "The display name needs attention.", errors: local });
        start(async () => {
          const out = await setBundleDisplayAction({ bundleId: bundle.bundleId, displayName, description });
          if (out.ok) {
            setFailure(null);
            setSaved(true);
            router.refresh();
          } else setFailure({ message: out.error, errors: out.fieldErrors });
        });
      }}
    >
      <h2 id={`${id}-title`} className="text-lg font-medium text-brand-900">
        In the catalog
      </h2>
      <p className="text-sm text-slate-600">Offered to {offeredText.toLowerCase()}. Employees see it under this name.</p>
      <ErrorSummary
        formId={id}
        message={failure?.message}
        errors={errors}
        labels={{ displayName: "Display name", description: "Description" }}
      />
      <div>
        <label htmlFor={`${id}-displayName`} className="block text-sm text-slate-700">
          Display name
        </label>
        <input
          {...fieldProps(id, "displayName", errors)}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          maxLength={64}
          className={field + invalidClass(errors, "displayName")}
        />
        <FieldError formId={id} name="displayName" errors={errors} />
      </div>
      <div>
        <label htmlFor={`${id}-description`} className="block text-sm text-slate-700">
          Description <span className="text-slate-600">(what it is for)</span>
        </label>
        <textarea
          {...fieldProps(id, "description", errors)}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={280}
          rows={2}
          className={field + invalidClass(errors, "description")}
        />
        <FieldError formId={id} name="description" errors={errors} />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
      >
        Save catalog name
      </button>
      {saved && (
        <p role="status" className="text-sm text-emerald-700">
          Saved.
        </p>
      )}
    </form>
  );
}

/** Points a custom bundle at another image of its Region. */
export function UpdateImageForm({ bundle, images }: { bundle: BundleView; images: Image[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [msg, setMsg] = useState<Msg>(null);
  const choices = images.filter((i) => i.imageId !== bundle.imageId);
  const [imageId, setImageId] = useState(choices[0]?.imageId ?? "");
  if (choices.length === 0) return <p className="text-sm text-slate-600">No other image is ready in {bundle.region}.</p>;
  return (
    <form
      noValidate
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const out = await updateBundleImageAction({ region: bundle.region, bundleId: bundle.bundleId, imageId });
          setMsg(
            out.ok
              ? { ok: true, message: "Image updated; new WorkSpaces use it, existing ones on their next rebuild." }
              : { ok: false, message: actionError(out) },
          );
          if (out.ok) router.refresh();
        });
      }}
    >
      <label className="text-sm">
        <span className="block text-slate-700">New image</span>
        <select
          value={imageId}
          onChange={(e) => setImageId(e.target.value)}
          className="max-w-full rounded border border-slate-300 px-2 py-1"
        >
          {choices.map((i) => (
            <option key={i.imageId} value={i.imageId}>
              {i.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        disabled={pending || !imageId}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-50"
      >
        Update image
      </button>
      <div className="w-full">
        <ActionMessage result={msg} />
      </div>
    </form>
  );
}

/** Deletes a custom bundle after a confirm step that names it; back to the list when done. */
export function DeleteBundle({ bundle }: { bundle: BundleView }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [msg, setMsg] = useState<Msg>(null);
  return (
    <div>
      <ConfirmButton
        label="Delete bundle"
        question={`Delete ${bundle.name}? This cannot be undone.`}
        confirmLabel={`Yes, delete ${bundle.name}`}
        disabled={pending}
        onConfirm={() =>
          start(async () => {
            const out = await deleteBundleAction({ region: bundle.region, bundleId: bundle.bundleId });
            if (out.ok) router.push(`/admin/bundles?deleted=${encodeURIComponent(bundle.name)}`);
            else setMsg({ ok: false, message: actionError(out) });
          })
        }
      />
      <ActionMessage result={msg} />
    </div>
  );
}

const NEW_LABELS = {
  image: "Image",
  name: "Bundle name",
  description: "Bundle description",
  computeType: "Compute type",
  root: "Root volume",
  user: "User volume",
};

/** A custom bundle from one of the account's images. */
export function NewBundleForm({
  images,
  computeChoices,
}: {
  images: (Image & { os?: string })[];
  /** The compute types a custom bundle may have, with their labels. */
  computeChoices: { value: string; label: string }[];
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<Failure>(null);
  const [form, setForm] = useState({
    image: images[0] ? `${images[0].region}|${images[0].imageId}` : "",
    name: "",
    description: "",
    computeType: "STANDARD",
    root: "80",
    user: "50",
  });
  useFocusFirstInvalid(formRef, failure?.errors);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm({ ...form, [k]: e.target.value });
  const id = "new-bundle";
  // The server names the image field imageId and the volumes in GiB; the form shows them as these fields.
  const errors: FieldErrors | undefined = failure?.errors && {
    ...failure.errors,
    image: failure.errors.image ?? failure.errors.imageId ?? failure.errors.region,
    root: failure.errors.root ?? failure.errors.rootVolumeGib,
    user: failure.errors.user ?? failure.errors.userVolumeGib,
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const [region, imageId] = form.image.split("|");
    const local: FieldErrors = {};
    if (!form.image) local.image = ["Choose an image."];
    if (!form.name.trim()) local.name = ["Give the bundle a name."];
    else if (!/^[a-zA-Z0-9_./()\\-]+$/.test(form.name.trim())) local.name = ["Use letters, digits and _ . / ( ) - only, without spaces."];
    if (!form.description.trim()) local.description = ["Describe the bundle."];
    if (!/^\d+$/.test(form.root) || Number(form.root) < 80) local.root = ["The root volume is at least 80 GB."];
    if (!/^\d+$/.test(form.user) || Number(form.user) < 10) local.user = ["The user volume is at least 10 GB."];
    if (Object.keys(local).length) return setFailure({ message: "Some fields need attention.", errors: local });
    start(async () => {
      const out = await createBundleAction({
        region: region!,
        imageId: imageId!,
        name: form.name,
        description: form.description,
        computeType: form.computeType as "STANDARD",
        rootVolumeGib: Number(form.root),
        userVolumeGib: Number(form.user),
      });
      if (out.ok) router.push(`/admin/bundles/${out.data.bundleId}?region=${region}&created=1`);
      else setFailure({ message: out.error, errors: out.fieldErrors });
    });
  };
  const input = (name: string) => ({ ...fieldProps(id, name, errors), className: field + invalidClass(errors, name) });
  return (
    <form ref={formRef} noValidate onSubmit={submit} className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <ErrorSummary formId={id} message={failure?.message} errors={errors} labels={NEW_LABELS} />
      <div>
        <label htmlFor={`${id}-image`} className="block text-slate-700">
          Image
        </label>
        <select {...input("image")} value={form.image} onChange={set("image")}>
          {images.length === 0 && <option value="">No image is ready</option>}
          {images.map((i) => (
            <option key={`${i.region}|${i.imageId}`} value={`${i.region}|${i.imageId}`}>
              {i.name} · {i.region}
            </option>
          ))}
        </select>
        <FieldError formId={id} name="image" errors={errors} />
      </div>
      <div>
        <label htmlFor={`${id}-name`} className="block text-slate-700">
          Bundle name
        </label>
        <input
          {...fieldProps(id, "name", errors, `${id}-name-hint`)}
          className={field + invalidClass(errors, "name")}
          value={form.name}
          onChange={set("name")}
          maxLength={64}
        />
        <p id={`${id}-name-hint`} className="text-xs text-slate-600">
          Letters, digits and _ . / ( ) -, without spaces (AWS&rsquo;s rule).
        </p>
        <FieldError formId={id} name="name" errors={errors} />
      </div>
      <div>
        <label htmlFor={`${id}-description`} className="block text-slate-700">
          Bundle description
        </label>
        <input {...input("description")} value={form.description} onChange={set("description")} maxLength={255} />
        <FieldError formId={id} name="description" errors={errors} />
      </div>
      <div>
        <label htmlFor={`${id}-computeType`} className="block text-slate-700">
          Compute type
        </label>
        <select {...input("computeType")} value={form.computeType} onChange={set("computeType")}>
          {computeChoices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        <FieldError formId={id} name="computeType" errors={errors} />
      </div>
      <div className="flex flex-wrap gap-4">
        <div>
          <label htmlFor={`${id}-root`} className="block text-slate-700">
            Root volume (GB)
          </label>
          <input {...input("root")} inputMode="numeric" value={form.root} onChange={set("root")} />
          <FieldError formId={id} name="root" errors={errors} />
        </div>
        <div>
          <label htmlFor={`${id}-user`} className="block text-slate-700">
            User volume (GB)
          </label>
          <input {...input("user")} inputMode="numeric" value={form.user} onChange={set("user")} />
          <FieldError formId={id} name="user" errors={errors} />
        </div>
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white disabled:opacity-50">
        Create bundle
      </button>
    </form>
  );
}
