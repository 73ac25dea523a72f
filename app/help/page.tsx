import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Help: connecting to your WorkSpace" };

// Static on purpose: it is readable without signing in, and the UI benchmark uses it as its baseline.
export default function HelpPage() {
  return (
    <main className="mx-auto max-w-2xl px-4 py-10">
      <h1 className="text-2xl font-semibold text-brand-900">Connecting to your WorkSpace</h1>
      <ol className="mt-6 list-decimal space-y-4 pl-5 text-slate-800">
        <li>
          Install the Amazon WorkSpaces client for your computer, tablet or phone from your company&apos;s software centre or from the
          client download page.
        </li>
        <li>
          Open the client and enter the <strong>registration code</strong> shown on your WorkSpace&apos;s card under My WorkSpaces. It
          belongs to your directory, so colleagues in the same directory use the same code.
        </li>
        <li>
          Sign in with your directory user name and password. If you forgot the password, use <em>Reset my password</em> on the card (Simple
          AD and Managed AD), or ask the IT service desk (company Active Directory).
        </li>
        <li>An AutoStop WorkSpace that is stopped starts when you connect; give it a couple of minutes.</li>
      </ol>
      <p className="mt-8">
        <Link href="/" className="font-medium text-brand-600 underline">
          Go to My WorkSpaces
        </Link>
      </p>
    </main>
  );
}
