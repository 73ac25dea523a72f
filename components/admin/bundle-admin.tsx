"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { createBundleAction, deleteBundleAction, setBundleDisplayAction, updateBundleImageAction } from "@/lib/actions/admin-bundles";
import type { BundleView } from "@/lib/queries/admin-bundles";
import { ActionMessage, actionError } from "./action-message";
import { ConfirmButton } from "./confirm-button";
import { DataTable, type DataColumn } from "./data-table";

type Msg = { ok: boolean; message: string } | null;

function DeleteBundle({ bundle }: { bundle: BundleView }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [msg, setMsg] = useState<Msg>(null);
  if (!bundle.custom) return <span className="text-slate-400">—</span>;
  return (
    <div>
      <ConfirmButton
        label="Delete"
        question={`Delete ${bundle.name}?`}
        confirmLabel="Delete bundle"
        disabled={pending}
        onConfirm={() =>
          start(async () => {
            const out = await deleteBundleAction({ region: bundle.region, bundleId: bundle.bundleId });
            setMsg(out.ok ? { ok: true, message: "Deleted." } : { ok: false, message: actionError(out) });
            if (out.ok) router.refresh();
          })
        }
      />
      <ActionMessage result={msg} />
    </div>
  );
}

type Image = { region: string; imageId: string; name: string };

function UpdateImage({ bundle, images }: { bundle: BundleView; images: Image[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [msg, setMsg] = useState<Msg>(null);
  const choices = images.filter((i) => i.region === bundle.region && i.imageId !== bundle.imageId);
  const [imageId, setImageId] = useState(choices[0]?.imageId ?? "");
  if (!bundle.custom || choices.length === 0) return null;
  return (
    <div className="mt-2 flex flex-wrap items-center gap-1">
      <select
        aria-label={`New image for ${bundle.name}`}
        value={imageId}
        onChange={(e) => setImageId(e.target.value)}
        className="max-w-40 rounded border border-slate-300 px-1 py-0.5 text-xs"
      >
        {choices.map((i) => (
          <option key={i.imageId} value={i.imageId}>
            {i.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={pending || !imageId}
        className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-50"
        onClick={() =>
          start(async () => {
            const out = await updateBundleImageAction({ region: bundle.region, bundleId: bundle.bundleId, imageId });
            setMsg(
              out.ok
                ? { ok: true, message: "Image updated; new WorkSpaces use it, existing ones on their next rebuild." }
                : { ok: false, message: actionError(out) },
            );
            if (out.ok) router.refresh();
          })
        }
      >
        Update image
      </button>
      <ActionMessage result={msg} />
    </div>
  );
}

function CatalogDisplay({ bundle }: { bundle: BundleView }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [msg, setMsg] = useState<Msg>(null);
  const [displayName, setDisplayName] = useState(bundle.display?.displayName ?? "");
  const [description, setDescription] = useState(bundle.display?.description ?? "");
  if (bundle.offeredTo.length === 0) return <span className="text-xs text-slate-500">Not offered</span>;
  const field = "w-full rounded border border-slate-300 px-1 py-0.5 text-xs";
  return (
    <form
      className="min-w-48 space-y-1"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const out = await setBundleDisplayAction({ bundleId: bundle.bundleId, displayName, description });
          setMsg(out.ok ? { ok: true, message: "Saved." } : { ok: false, message: actionError(out) });
          if (out.ok) router.refresh();
        });
      }}
    >
      <input
        aria-label={`Display name for ${bundle.name}`}
        placeholder="Display name"
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        maxLength={64}
        className={field}
      />
      <textarea
        aria-label={`Description for ${bundle.name}`}
        placeholder="What it is for"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        maxLength={280}
        rows={2}
        className={field}
      />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-50"
      >
        Save display
      </button>
      <ActionMessage result={msg} />
    </form>
  );
}

const columnsFor = (images: Image[]): DataColumn<BundleView>[] => [
  {
    id: "name",
    header: "Name",
    sortValue: (b) => b.name,
    cell: (b) => (
      <span>
        <span className="font-medium">{b.name}</span>
        <br />
        <span className="font-mono text-xs text-slate-500">{b.bundleId}</span>
      </span>
    ),
  },
  { id: "region", header: "Region", sortValue: (b) => b.region },
  { id: "owner", header: "Owner", sortValue: (b) => (b.custom ? "Custom" : "Amazon") },
  { id: "computeType", header: "Compute", sortValue: (b) => b.computeType },
  { id: "volumes", header: "Root / user GB", sortValue: (b) => `${b.rootVolumeGib ?? "?"} / ${b.userVolumeGib ?? "?"}` },
  { id: "inUse", header: "WorkSpaces", sortValue: (b) => b.inUse },
  { id: "offered", header: "Offered to", sortValue: (b) => b.offeredTo.join(", ") || "—" },
  {
    id: "display",
    header: "In the catalog as",
    sortValue: (b) => b.display?.displayName ?? "",
    cell: (b) => <CatalogDisplay bundle={b} />,
  },
  {
    id: "actions",
    header: "Actions",
    cell: (b) => (
      <>
        <DeleteBundle bundle={b} />
        <UpdateImage bundle={b} images={images} />
      </>
    ),
  },
];

export function BundleAdmin({ bundles, images }: { bundles: BundleView[]; images: Image[] }) {
  const columns = useMemo(() => columnsFor(images), [images]);
  const router = useRouter();
  const [pending, start] = useTransition();
  const [msg, setMsg] = useState<Msg>(null);
  const [form, setForm] = useState({
    image: images[0] ? `${images[0].region}|${images[0].imageId}` : "",
    name: "",
    description: "",
    computeType: "STANDARD",
    root: "80",
    user: "50",
  });
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm({ ...form, [k]: e.target.value });
  const create = (e: React.FormEvent) => {
    e.preventDefault();
    const [region, imageId] = form.image.split("|");
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
      setMsg(out.ok ? { ok: true, message: `Created ${out.data.bundleId}.` } : { ok: false, message: actionError(out) });
      if (out.ok) router.refresh();
    });
  };
  const field = "rounded border border-slate-300 px-2 py-1";
  return (
    <>
      <DataTable label="Bundles" data={bundles} columns={columns} getRowId={(b) => `${b.region}/${b.bundleId}`} />
      <form
        onSubmit={create}
        aria-labelledby="new-bundle"
        className="mt-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
      >
        <h2 id="new-bundle" className="w-full text-lg font-medium text-brand-900">
          New custom bundle from an image
        </h2>
        <label>
          <span className="block text-slate-600">Image</span>
          <select value={form.image} onChange={set("image")} className={field}>
            {images.map((i) => (
              <option key={i.imageId} value={`${i.region}|${i.imageId}`}>
                {i.region} · {i.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="block text-slate-600">Bundle name</span>
          <input value={form.name} onChange={set("name")} className={field} />
        </label>
        <label>
          <span className="block text-slate-600">Bundle description</span>
          <input value={form.description} onChange={set("description")} className={field} />
        </label>
        <label>
          <span className="block text-slate-600">Compute type</span>
          <select value={form.computeType} onChange={set("computeType")} className={field}>
            {["VALUE", "STANDARD", "PERFORMANCE", "POWER", "POWERPRO", "GRAPHICS_G4DN", "GRAPHICSPRO_G4DN"].map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          <span className="block text-slate-600">Root GB</span>
          <input type="number" value={form.root} onChange={set("root")} className={`${field} w-20`} />
        </label>
        <label>
          <span className="block text-slate-600">User GB</span>
          <input type="number" value={form.user} onChange={set("user")} className={`${field} w-20`} />
        </label>
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white disabled:opacity-50">
          Create bundle
        </button>
        <div className="w-full">
          <ActionMessage result={msg} />
        </div>
      </form>
    </>
  );
}
