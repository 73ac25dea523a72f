"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { ErrorSummary, FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";
import { copyImageAction, createImageAction, deleteImageAction, setImagePermissionAction } from "@/lib/actions/admin-images";
import { ActionMessage, actionError } from "./action-message";
import { ConfirmButton } from "./confirm-button";

type Msg = { ok: boolean; message: string } | null;
type Failure = { message: string; errors?: FieldErrors } | null;

const field = "w-full rounded border border-slate-300 px-2 py-1";
const NAME = /^[a-zA-Z0-9_./()\\-]+$/;
const DESCRIPTION = /^[a-zA-Z0-9_./() -]+$/;

function nameProblem(name: string): string | undefined {
  if (!name.trim()) return "Give the image a name.";
  if (!NAME.test(name.trim())) return "Use letters, digits and _ . / ( ) - only, without spaces.";
  return undefined;
}

function descriptionProblem(text: string): string | undefined {
  if (!text.trim()) return "Describe the image.";
  if (!DESCRIPTION.test(text.trim())) return "Use letters, digits, spaces and _ . / ( ) - only.";
  return undefined;
}

/** Starts an image of one WorkSpace; the image's page then follows it until AWS has made it. */
export function CreateImageForm({ workspaceId, suggestedName, allowed }: { workspaceId: string; suggestedName: string; allowed: boolean }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<Failure>(null);
  const [name, setName] = useState(suggestedName);
  const [description, setDescription] = useState("");
  useFocusFirstInvalid(formRef, failure?.errors);
  const id = "new-image";
  const errors = failure?.errors;
  return (
    <form
      ref={formRef}
      noValidate
      aria-labelledby={`${id}-title`}
      className="max-w-xl space-y-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        const local: FieldErrors = {};
        const n = nameProblem(name);
        const d = descriptionProblem(description);
        if (n) local.name = [n];
        if (d) local.description = [d];
        if (n || d) return setFailure({ message: "Some fields need attention.", errors: local });
        start(async () => {
          const out = await createImageAction({ workspaceId, name, description });
          if (out.ok) router.push(`/admin/images/${out.data.imageId}?region=${out.data.region}&created=1`);
          else setFailure({ message: actionError(out), errors: out.fieldErrors });
        });
      }}
    >
      <h2 id={`${id}-title`} className="text-lg font-medium text-brand-900">
        Name the image
      </h2>
      <ErrorSummary formId={id} message={failure?.message} errors={errors} labels={{ name: "Image name", description: "Description" }} />
      <div>
        <label htmlFor={`${id}-name`} className="block text-slate-700">
          Image name
        </label>
        <input
          {...fieldProps(id, "name", errors, `${id}-name-hint`)}
          className={field + invalidClass(errors, "name")}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={64}
        />
        <p id={`${id}-name-hint`} className="text-xs text-slate-600">
          Letters, digits and _ . / ( ) -, without spaces (AWS&rsquo;s rule). A date in the name helps tell versions apart.
        </p>
        <FieldError formId={id} name="name" errors={errors} />
      </div>
      <div>
        <label htmlFor={`${id}-description`} className="block text-slate-700">
          Description
        </label>
        <input
          {...fieldProps(id, "description", errors)}
          className={field + invalidClass(errors, "description")}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={256}
        />
        <FieldError formId={id} name="description" errors={errors} />
      </div>
      <button
        type="submit"
        disabled={pending || !allowed}
        className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white disabled:opacity-50"
      >
        Create image
      </button>
      {!allowed && <p className="text-slate-700">Resolve the points marked above first; AWS would refuse this WorkSpace now.</p>}
    </form>
  );
}

/** Deletes an image after a confirm step; AWS's or the portal's refusal shows beside the button. */
export function DeleteImage({ region, imageId, name }: { region: string; imageId: string; name: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [msg, setMsg] = useState<Msg>(null);
  return (
    <div>
      <ConfirmButton
        label="Delete image"
        question={`Delete the image ${name}? This cannot be undone.`}
        confirmLabel={`Yes, delete ${name}`}
        disabled={pending}
        onConfirm={() =>
          start(async () => {
            const out = await deleteImageAction({ region, imageId });
            if (out.ok) router.push(`/admin/images?deleted=${encodeURIComponent(name)}`);
            else setMsg({ ok: false, message: actionError(out) });
          })
        }
      />
      <ActionMessage result={msg} id="delete-image-message" />
    </div>
  );
}

/** Copies the image into another of the portal's Regions. */
export function CopyImageForm({ region, imageId, name, targets }: { region: string; imageId: string; name: string; targets: string[] }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<Failure>(null);
  const [target, setTarget] = useState(targets[0] ?? "");
  const [copyName, setCopyName] = useState(name);
  useFocusFirstInvalid(formRef, failure?.errors);
  const id = "copy-image";
  const errors = failure?.errors;
  return (
    <form
      ref={formRef}
      noValidate
      className="space-y-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        const n = nameProblem(copyName);
        if (n) return setFailure({ message: "The name needs attention.", errors: { name: [n] } });
        start(async () => {
          const out = await copyImageAction({ region, imageId, targetRegion: target, name: copyName });
          if (out.ok) router.push(`/admin/images/${out.data.imageId}?region=${out.data.region}&copied=1`);
          else setFailure({ message: actionError(out), errors: out.fieldErrors });
        });
      }}
    >
      <ErrorSummary formId={id} message={failure?.message} errors={errors} labels={{ name: "Name of the copy", targetRegion: "Region" }} />
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`${id}-targetRegion`} className="block text-slate-700">
            Region
          </label>
          <select {...fieldProps(id, "targetRegion", errors)} value={target} onChange={(e) => setTarget(e.target.value)} className={field}>
            {targets.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-0 grow">
          <label htmlFor={`${id}-name`} className="block text-slate-700">
            Name of the copy
          </label>
          <input
            {...fieldProps(id, "name", errors)}
            className={field + invalidClass(errors, "name")}
            value={copyName}
            onChange={(e) => setCopyName(e.target.value)}
            maxLength={64}
          />
        </div>
      </div>
      <FieldError formId={id} name="name" errors={errors} />
      <button
        type="submit"
        disabled={pending || !target}
        className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100 disabled:opacity-50"
      >
        Copy image
      </button>
    </form>
  );
}

/** The accounts the image is shared with: add one by its id, or stop sharing. */
export function ImageSharing({ region, imageId, sharedWith }: { region: string; imageId: string; sharedWith: string[] }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<Failure>(null);
  const [msg, setMsg] = useState<Msg>(null);
  const [account, setAccount] = useState("");
  useFocusFirstInvalid(formRef, failure?.errors);
  const id = "share-image";
  const errors = failure?.errors;
  const change = (accountId: string, allow: boolean) =>
    start(async () => {
      const out = await setImagePermissionAction({ region, imageId, accountId, allow });
      if (out.ok) {
        setFailure(null);
        setMsg({ ok: true, message: allow ? `Shared with ${accountId}.` : `No longer shared with ${accountId}.` });
        if (allow) setAccount("");
        router.refresh();
      } else if (allow) {
        setMsg(null);
        setFailure({ message: actionError(out), errors: out.fieldErrors && { account: Object.values(out.fieldErrors).flat() } });
      } else setMsg({ ok: false, message: actionError(out) });
    });
  return (
    <div className="space-y-3 text-sm">
      {sharedWith.length === 0 ? (
        <p className="text-slate-700">Not shared with any other account.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {sharedWith.map((a) => (
            <li key={a} className="flex flex-wrap items-center justify-between gap-2 py-1">
              <span>Account {a}</span>
              <button
                type="button"
                disabled={pending}
                onClick={() => change(a, false)}
                className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 disabled:opacity-50"
              >
                Stop sharing with {a}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        ref={formRef}
        noValidate
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (!/^\d{12}$/.test(account.trim()))
            return setFailure({ message: "The account id needs attention.", errors: { account: ["An AWS account id is 12 digits."] } });
          change(account.trim(), true);
        }}
      >
        <ErrorSummary formId={id} message={failure?.message} errors={errors} labels={{ account: "AWS account id" }} />
        <div className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor={`${id}-account`} className="block text-slate-700">
              AWS account id
            </label>
            <input
              {...fieldProps(id, "account", errors)}
              inputMode="numeric"
              className={field + invalidClass(errors, "account")}
              value={account}
              onChange={(e) => setAccount(e.target.value)}
              maxLength={12}
            />
          </div>
          <button
            type="submit"
            disabled={pending}
            className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100 disabled:opacity-50"
          >
            Share image
          </button>
        </div>
        <FieldError formId={id} name="account" errors={errors} />
      </form>
      <ActionMessage result={msg} />
    </div>
  );
}
