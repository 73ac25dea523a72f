"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteWebhookAction, rotateWebhookSecretAction, setWebhookActiveAction } from "@/lib/actions/admin-webhooks";
import { secondaryButton } from "@/components/ui/styles";
import { ActionMessage, actionError } from "../action-message";
import { ConfirmButton } from "../confirm-button";
import { SecretOnce } from "./secret-once";

/** Rotate the secret, disable or enable, delete: one endpoint's controls. */
export function WebhookActions({ webhookId, name, active }: { webhookId: string; name: string; active: boolean }) {
  const router = useRouter();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const run = (work: () => Promise<{ ok: true; message: string; secret?: string } | { ok: false; message: string }>) =>
    start(async () => {
      const out = await work();
      setResult({ ok: out.ok, message: out.message });
      if (out.ok && out.secret) setSecret(out.secret);
      router.refresh();
    });

  return (
    <div>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          disabled={pending}
          className={secondaryButton}
          onClick={() =>
            run(async () => {
              const out = await rotateWebhookSecretAction({ webhookId });
              return out.ok
                ? { ok: true, message: "New secret; it signs every delivery from now on.", secret: out.data.secret }
                : { ok: false, message: actionError(out) };
            })
          }
        >
          Rotate secret
        </button>
        <button
          type="button"
          disabled={pending}
          className={secondaryButton}
          onClick={() =>
            run(async () => {
              const out = await setWebhookActiveAction({ webhookId, active: !active });
              return out.ok ? { ok: true, message: active ? "Disabled." : "Enabled." } : { ok: false, message: actionError(out) };
            })
          }
        >
          {active ? "Disable" : "Enable"}
        </button>
        <ConfirmButton
          label="Delete"
          question={`Delete ${name} and its delivery log?`}
          confirmLabel="Delete"
          disabled={pending}
          onConfirm={() =>
            run(async () => {
              const out = await deleteWebhookAction({ webhookId });
              return out.ok ? { ok: true, message: "Deleted." } : { ok: false, message: actionError(out) };
            })
          }
        />
      </div>
      <ActionMessage result={result} />
      {secret && <SecretOnce secret={secret} onDone={() => setSecret(null)} />}
    </div>
  );
}
