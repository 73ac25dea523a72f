import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { cardClass } from "@/components/ui/styles";
import { portalResetsPassword } from "@/lib/domain";
import { bundleNameLabel, directoryTypeLabel, workspaceDisplayName } from "@/lib/presentation/labels";
import { passwordHelpFor } from "@/lib/queries/password-help";
import { PasswordForm, SignInAgain } from "@/components/workspaces/password-form";
import { RECENT_SIGN_IN_MINUTES, signInIsRecent } from "@/lib/auth/recent-sign-in";
import { requireUser } from "@/lib/auth/session";
import { getWorkspaceForViewer } from "@/lib/queries/workspaces";
import { PASSWORD_RULES } from "@/lib/services/password";

export const metadata: Metadata = { title: "Your directory password" };

export default async function PasswordPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const ws = await getWorkspaceForViewer(user, decodeURIComponent(id));
  // Only the owner resets their own password, admins included.
  if (!ws || ws.ownerId !== user.id) notFound();
  const supported = portalResetsPassword(ws.directoryType);
  const help = supported ? null : await passwordHelpFor(ws.directoryId);
  const name = workspaceDisplayName({ ...ws, bundleName: bundleNameLabel(ws.bundleName) });
  const returnTo = `/workspaces/${encodeURIComponent(ws.id)}/password`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/workspaces/${ws.id}`} className="text-brand-600 underline">
          {name}
        </Link>{" "}
        <span aria-hidden>/</span> Password
      </nav>
      <PageHeader
        title={supported ? "Reset my directory password" : "How to reset your password"}
        description={`The password you use to sign in to ${name}, ` + `in ${ws.directoryName} (${directoryTypeLabel(ws.directoryType)}).`}
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
          <div className="space-y-3 text-sm text-slate-800">
            <p className="whitespace-pre-line">{help?.text}</p>
            {help?.url && (
              <p>
                <a href={help.url} className="font-medium text-brand-700 underline" rel="noopener noreferrer">
                  Open your organisation&apos;s password-reset page
                </a>
              </p>
            )}
          </div>
        )}
      </section>
    </>
  );
}
