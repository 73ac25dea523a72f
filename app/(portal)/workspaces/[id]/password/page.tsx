import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { cardClass } from "@/components/ui/styles";
import { directoryTypeName } from "@/components/workspaces/facts";
import { PasswordForm, SignInAgain } from "@/components/workspaces/password-form";
import { RECENT_SIGN_IN_MINUTES, signInIsRecent } from "@/lib/auth/recent-sign-in";
import { requireUser } from "@/lib/auth/session";
import { getWorkspaceForViewer } from "@/lib/queries/workspaces";
import { PASSWORD_RULES } from "@/lib/services/password";

export const metadata: Metadata = { title: "Reset my directory password" };

export default async function PasswordPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const ws = await getWorkspaceForViewer(user, decodeURIComponent(id));
  // Only the owner resets their own password, admins included.
  if (!ws || ws.ownerId !== user.id) notFound();
  const supported = ws.directoryType === "SIMPLE_AD" || ws.directoryType === "MICROSOFT_AD";
  const returnTo = `/workspaces/${encodeURIComponent(ws.id)}/password`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/workspaces/${ws.id}`} className="text-brand-600 underline">
          {ws.computerName ?? ws.id}
        </Link>{" "}
        <span aria-hidden>/</span> Password
      </nav>
      <PageHeader
        title="Reset my directory password"
        description={
          `The password you use to sign in to ${ws.computerName ?? ws.id}, ` +
          `in ${ws.directoryName} (${directoryTypeName(ws.directoryType)}).`
        }
      />
      <section className={cardClass}>
        {supported && !signInIsRecent(user.signedInAt) ? (
          <Alert tone="warning" role="status" title="Sign in again to change your password">
            For your security, changing a password needs a sign-in within the last {RECENT_SIGN_IN_MINUTES} minutes, and yours was earlier.
            Sign in again and you come back here.
            <SignInAgain returnTo={returnTo} />
          </Alert>
        ) : supported ? (
          <>
            <div className="mb-4">
              <Alert tone="info" title="Password rules">
                {PASSWORD_RULES} The portal sends it straight to the directory and never stores or shows it.
              </Alert>
            </div>
            <PasswordForm workspaceId={ws.id} returnTo={returnTo} />
          </>
        ) : (
          <Alert tone="warning" role="status" title="The portal cannot change this password">
            Your account lives in your company&apos;s own Active Directory ({ws.directoryName}), reached through an AD Connector. Ask the IT
            service desk to reset your password, or use your company&apos;s usual password-reset page.
          </Alert>
        )}
      </section>
    </>
  );
}
