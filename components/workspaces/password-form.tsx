"use client";

import { useRef, useState, useTransition } from "react";
import { signInAgain } from "@/lib/actions/auth";
import { resetMyPassword } from "@/lib/actions/workspaces";
import { SIGN_IN_AGAIN } from "@/lib/auth/recent-sign-in";
import { ErrorSummary, FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";
import { inputClass, labelClass, primaryButton, secondaryButton } from "@/components/ui/styles";

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

const LABELS = { newPassword: "New password", confirmPassword: "Repeat the new password" };

/** The password lives only in this form's state and the one request that sends it; it is cleared afterwards. */
export function PasswordForm({ workspaceId, returnTo }: { workspaceId: string; returnTo: string }) {
  const formId = "password";
  const formRef = useRef<HTMLFormElement>(null);
  const [newPassword, setNewPassword] = useState("");
  const [confirmPassword, setConfirmPassword] = useState("");
  const [failure, setFailure] = useState<{ error: string; fieldErrors: FieldErrors } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [mustSignIn, setMustSignIn] = useState(false);
  const [pending, startTransition] = useTransition();
  const errors = failure?.fieldErrors ?? null;
  useFocusFirstInvalid(formRef, errors);
  return (
    <>
      <form
        ref={formRef}
        id={formId}
        noValidate
        autoComplete="off"
        className="max-w-md space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          setDone(null);
          if (!newPassword) {
            setFailure({ error: "Your password was not changed.", fieldErrors: { newPassword: ["Enter the new password."] } });
            return;
          }
          startTransition(async () => {
            const result = await resetMyPassword({ workspaceId, newPassword, confirmPassword });
            if (result.ok) {
              setNewPassword("");
              setConfirmPassword("");
              setFailure(null);
              setDone(`Your password for ${result.data.directoryName} was changed. Use it the next time you sign in to your WorkSpace.`);
            } else {
              setMustSignIn(Boolean(result.reasons?.some((r) => r.code === SIGN_IN_AGAIN)));
              setFailure({
                error: result.fieldErrors ? "Your password was not changed." : result.error,
                fieldErrors: result.fieldErrors ?? {},
              });
            }
          });
        }}
      >
        <ErrorSummary formId={formId} message={failure?.error} errors={errors} labels={LABELS} />
        <div>
          <label htmlFor={`${formId}-newPassword`} className={labelClass}>
            {LABELS.newPassword}
          </label>
          <input
            {...fieldProps(formId, "newPassword", errors)}
            type="password"
            autoComplete="new-password"
            className={inputClass + invalidClass(errors, "newPassword")}
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
          />
          <FieldError formId={formId} name="newPassword" errors={errors} />
        </div>
        <div>
          <label htmlFor={`${formId}-confirmPassword`} className={labelClass}>
            {LABELS.confirmPassword}
          </label>
          <input
            {...fieldProps(formId, "confirmPassword", errors)}
            type="password"
            autoComplete="new-password"
            className={inputClass + invalidClass(errors, "confirmPassword")}
            value={confirmPassword}
            onChange={(e) => setConfirmPassword(e.target.value)}
          />
          <FieldError formId={formId} name="confirmPassword" errors={errors} />
        </div>
        <button type="submit" className={primaryButton} disabled={pending}>
          {pending ? "Changing…" : "Change my password"}
        </button>
        <p role="status" aria-live="polite" className="text-sm text-emerald-800">
          {done}
        </p>
      </form>
      {mustSignIn && <SignInAgain returnTo={returnTo} />}
    </>
  );
}
