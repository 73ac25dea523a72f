"use client";

import { useState, useTransition } from "react";
import { signInAgain } from "@/lib/actions/auth";
import { resetMyPassword } from "@/lib/actions/workspaces";
import { SIGN_IN_AGAIN } from "@/lib/auth/recent-sign-in";
import { errorClass, inputClass, labelClass, primaryButton, secondaryButton } from "@/components/ui/styles";

/** Ends the session and signs in again, coming back to `returnTo` (a path on the portal). */
export function SignInAgain({ returnTo }: { returnTo: string }) {
  return (
    <form action={signInAgain} className="mt-2">
      <input type="hidden" name="callbackUrl" value={returnTo} />
      <button type="submit" className={secondaryButton}>
        Sign in again
      </button>
    </form>
  );
}

/** The password lives only in this form's state and the one request that sends it; it is cleared afterwards. */
export function PasswordForm({ workspaceId, returnTo }: { workspaceId: string; returnTo: string }) {
  const [newPassword, setNewPassword] = useState("");
  const [confirmPassword, setConfirmPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [mustSignIn, setMustSignIn] = useState(false);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <form
        noValidate
        autoComplete="off"
        className="max-w-md space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          startTransition(async () => {
            const result = await resetMyPassword({ workspaceId, newPassword, confirmPassword });
            if (result.ok) {
              setNewPassword("");
              setConfirmPassword("");
              setErrors({});
              setMessage({
                ok: true,
                text: `Your password for ${result.data.directoryName} was changed. Use it the next time you sign in to your WorkSpace.`,
              });
            } else {
              setMustSignIn(Boolean(result.reasons?.some((r) => r.code === SIGN_IN_AGAIN)));
              setErrors(result.fieldErrors ?? {});
              setMessage({ ok: false, text: result.fieldErrors ? "Check the highlighted fields." : result.error });
            }
          });
        }}
      >
        <div>
          <label htmlFor="newPassword" className={labelClass}>
            New password
          </label>
          <input
            id="newPassword"
            type="password"
            autoComplete="new-password"
            className={inputClass}
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
            aria-invalid={Boolean(errors.newPassword)}
          />
          {errors.newPassword && <p className={errorClass}>{errors.newPassword[0]}</p>}
        </div>
        <div>
          <label htmlFor="confirmPassword" className={labelClass}>
            Repeat the new password
          </label>
          <input
            id="confirmPassword"
            type="password"
            autoComplete="new-password"
            className={inputClass}
            value={confirmPassword}
            onChange={(e) => setConfirmPassword(e.target.value)}
            aria-invalid={Boolean(errors.confirmPassword)}
          />
          {errors.confirmPassword && <p className={errorClass}>{errors.confirmPassword[0]}</p>}
        </div>
        <button type="submit" className={primaryButton} disabled={pending}>
          {pending ? "Changing…" : "Change my password"}
        </button>
        <p role="status" aria-live="polite" className={`text-sm ${message?.ok ? "text-emerald-800" : "text-red-700"}`}>
          {message?.text}
        </p>
      </form>
      {mustSignIn && <SignInAgain returnTo={returnTo} />}
    </>
  );
}
