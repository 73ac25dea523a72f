"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import {
  associateConnectionAliasAction,
  deleteConnectionAliasAction,
  disassociateConnectionAliasAction,
  setConnectionAliasPermissionAction,
} from "@/lib/actions/admin-aliases";
import type { AliasRegionView } from "@/lib/queries/admin-aliases";
import { aliasAssociationLabel, aliasStateLabel } from "@/lib/presentation/labels";
import { FieldError, fieldProps, invalidClass, useFocusFirstInvalid } from "@/components/ui/form-errors";
import { RawId } from "@/components/ui/raw-id";
import { inputClass, labelClass, secondaryButton } from "@/components/ui/styles";
import { ActionMessage } from "../action-message";
import { ConfirmButton } from "../confirm-button";
import { OutcomeStatus, OutcomeSummary, errorsOf, useDirectoryAction } from "../directory-action";

const small = "rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-60";

/** One Region's alias: its state, its directory (associate / disassociate), sharing, and delete. */
export function AliasRegionCard({ alias, primary }: { alias: AliasRegionView; primary: boolean }) {
  const id = `alias-${alias.region}`;
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <h2 id={id} className="text-lg font-medium text-brand-900">
        {alias.region}
        {primary ? <span className="ml-2 rounded bg-brand-100 px-2 py-0.5 text-xs font-medium text-brand-900">Primary</span> : null}
      </h2>
      <p className="mt-0.5 text-sm text-slate-700">
        Alias: {aliasStateLabel(alias.state)} <RawId value={alias.aliasId} label="connection alias id" />
      </p>
      <AliasDirectory alias={alias} />
      {/* A deleting alias takes no more changes; its card stays until AWS has removed it. */}
      {alias.state === "DELETING" ? null : (
        <>
          <AliasSharing alias={alias} />
          <AliasDelete alias={alias} />
        </>
      )}
    </section>
  );
}

function AliasDirectory({ alias }: { alias: AliasRegionView }) {
  const formId = `associate-${alias.region}`;
  const formRef = useRef<HTMLFormElement>(null);
  const [directoryId, setDirectoryId] = useState("");
  const { pending, outcome, setOutcome, run } = useDirectoryAction();
  const errors = errorsOf(outcome);
  useFocusFirstInvalid(formRef, errors);
  const ref = { region: alias.region, aliasId: alias.aliasId };
  // Without the form on screen, a refusal shows as a sentence under the section instead of the form's summary.
  const formShown = !alias.directory && !alias.associateRefusal && alias.candidates.length > 0;

  const associate = (e: React.FormEvent) => {
    e.preventDefault();
    const chosen = alias.candidates.find((d) => d.directoryId === directoryId);
    if (!chosen)
      return setOutcome({ ok: false, message: "Choose a directory to associate.", fieldErrors: { directoryId: ["Choose a directory."] } });
    run(() => associateConnectionAliasAction({ ...ref, directoryId: chosen.directoryId }), `Associating with ${chosen.name}.`, {
      after: () => setDirectoryId(""),
    });
  };

  return (
    <div className="mt-3 border-t border-slate-100 pt-3">
      <h3 className="text-sm font-medium text-slate-800">Directory</h3>
      {alias.directory ? (
        <div className="mt-1 flex flex-wrap items-center justify-between gap-2 text-sm">
          <span className="min-w-0">
            <Link href={`/admin/directories/${alias.directory.directoryId}`} className="text-brand-700 underline">
              {alias.directory.name}
            </Link>{" "}
            · {aliasAssociationLabel(alias.directory.status)}
          </span>
          <button
            type="button"
            disabled={pending}
            className={small}
            onClick={() => run(() => disassociateConnectionAliasAction(ref), `Disassociating from ${alias.directory!.name}.`)}
          >
            Disassociate<span className="sr-only"> the alias in {alias.region}</span>
          </button>
          {alias.directory.connectionIdentifier ? (
            <p className="w-full text-xs text-slate-600">
              Connection identifier for the DNS TXT record:{" "}
              <RawId value={alias.directory.connectionIdentifier} label="connection identifier" />
            </p>
          ) : null}
        </div>
      ) : alias.associateRefusal ? (
        <p className="mt-1 text-sm text-slate-600">{alias.associateRefusal}</p>
      ) : alias.candidates.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">No registered directory of {alias.region} is free: each takes one alias.</p>
      ) : (
        <form ref={formRef} onSubmit={associate} noValidate className="mt-1">
          <OutcomeSummary formId={formId} outcome={outcome} labels={{ directoryId: "Directory" }} />
          <div className="flex flex-wrap items-end gap-2">
            <div className="min-w-0 grow sm:grow-0">
              <label htmlFor={`${formId}-directoryId`} className={labelClass}>
                Directory in {alias.region}
              </label>
              <select
                {...fieldProps(formId, "directoryId", errors)}
                value={directoryId}
                onChange={(e) => setDirectoryId(e.target.value)}
                className={`${inputClass} sm:w-72${invalidClass(errors, "directoryId")}`}
              >
                <option value="">Choose a directory…</option>
                {alias.candidates.map((d) => (
                  <option key={d.directoryId} value={d.directoryId}>
                    {d.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" disabled={pending} className={secondaryButton}>
              Associate
            </button>
          </div>
          <FieldError formId={formId} name="directoryId" errors={errors} />
        </form>
      )}
      {!formShown && outcome && !outcome.ok ? <ActionMessage result={outcome} /> : null}
      <OutcomeStatus outcome={outcome} />
    </div>
  );
}

function AliasSharing({ alias }: { alias: AliasRegionView }) {
  const formId = `share-${alias.region}`;
  const formRef = useRef<HTMLFormElement>(null);
  const [accountId, setAccountId] = useState("");
  const { pending, outcome, run } = useDirectoryAction();
  const errors = errorsOf(outcome);
  useFocusFirstInvalid(formRef, errors);
  const ref = { region: alias.region, aliasId: alias.aliasId };
  const shared = alias.sharedWith ?? [];

  const share = (e: React.FormEvent) => {
    e.preventDefault();
    run(() => setConnectionAliasPermissionAction({ ...ref, accountId, allow: true }), `Shared with ${accountId.trim()}.`, {
      after: () => setAccountId(""),
    });
  };

  return (
    <div className="mt-3 border-t border-slate-100 pt-3">
      <h3 className="text-sm font-medium text-slate-800">Shared with other AWS accounts</h3>
      <p className="text-xs text-slate-600">An account you share with may associate this alias with a directory of its own.</p>
      {shared.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">Not shared.</p>
      ) : (
        <ul className="mt-1 divide-y divide-slate-100 text-sm">
          {shared.map((account) => (
            <li key={account} className="flex flex-wrap items-center justify-between gap-2 py-1">
              <span>Account {account}</span>
              <button
                type="button"
                disabled={pending}
                className={small}
                onClick={() =>
                  run(
                    () => setConnectionAliasPermissionAction({ ...ref, accountId: account, allow: false }),
                    `Stopped sharing with ${account}.`,
                  )
                }
              >
                Stop sharing<span className="sr-only"> with {account}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form ref={formRef} onSubmit={share} noValidate className="mt-2">
        <OutcomeSummary formId={formId} outcome={outcome} labels={{ accountId: "AWS account id" }} />
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 grow sm:grow-0">
            <label htmlFor={`${formId}-accountId`} className={labelClass}>
              AWS account id
            </label>
            <input
              {...fieldProps(formId, "accountId", errors)}
              value={accountId}
              onChange={(e) => setAccountId(e.target.value)}
              inputMode="numeric"
              autoComplete="off"
              className={`${inputClass} sm:w-56${invalidClass(errors, "accountId")}`}
            />
          </div>
          <button type="submit" disabled={pending} className={secondaryButton}>
            Share
          </button>
        </div>
        <FieldError formId={formId} name="accountId" errors={errors} />
      </form>
      <OutcomeStatus outcome={outcome} />
    </div>
  );
}

function AliasDelete({ alias }: { alias: AliasRegionView }) {
  const { pending, outcome, run } = useDirectoryAction();
  return (
    <div className="mt-3 border-t border-slate-100 pt-3">
      <h3 className="text-sm font-medium text-slate-800">Delete</h3>
      <p className="mb-2 text-xs text-slate-600">
        Refused while the alias is associated with a directory or shared. Before deleting, point the name&apos;s DNS records elsewhere or
        remove them, so nobody else&apos;s WorkSpaces can answer it.
      </p>
      <ConfirmButton
        label={`Delete the alias in ${alias.region}`}
        question={`Delete the alias in ${alias.region}? People who type the name are no longer sent there.`}
        confirmLabel="Delete"
        disabled={pending}
        onConfirm={() =>
          run(() => deleteConnectionAliasAction({ region: alias.region, aliasId: alias.aliasId }), `Deleting the alias in ${alias.region}.`)
        }
      />
      <ActionMessage result={outcome} />
    </div>
  );
}
