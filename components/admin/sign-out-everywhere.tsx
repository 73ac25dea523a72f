"use client";

import { useState, useTransition } from "react";
import { signOutEverywhereAction } from "@/lib/actions/admin-users";
import { ActionMessage, actionError } from "./action-message";
import { ConfirmButton } from "./confirm-button";

/** Ends every session a person has, say after a lost laptop; they keep their account and can sign in again. */
export function SignOutEverywhere({ userId, name }: { userId: string; name: string }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; message: string } | null>(null);
  return (
    <div>
      <ConfirmButton
        label="Sign out everywhere"
        question={`End every session ${name} has, in every browser?`}
        confirmLabel="Yes, sign them out"
        disabled={pending}
        onConfirm={() =>
          start(async () => {
            const out = await signOutEverywhereAction({ userId });
            setMessage(
              out.ok
                ? { ok: true, message: `${name} is signed out everywhere and must sign in again.` }
                : { ok: false, message: actionError(out) },
            );
          })
        }
      />
      <ActionMessage result={message} />
    </div>
  );
}
