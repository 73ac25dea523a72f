import { signOutAction } from "@/lib/actions/auth";
import { navigationFor } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";
import Link from "next/link";
import { NavLinks } from "./nav-links";

const ROLE_NAMES = { EMPLOYEE: "Employee", MANAGER: "Manager", ADMIN: "Admin" } as const;
// The bell, then its clapper.
const BELL_ICON =
  "M10 2a6 6 0 0 0-6 6v3.6l-1.4 2.8A1 1 0 0 0 3.5 16h13a1 1 0 0 0 .9-1.6L16 11.6V8a6 6 0 0 0-6-6Z" +
  "m0 18a3 3 0 0 0 2.8-2H7.2A3 3 0 0 0 10 20Z";

export function AppShell({ user, children }: { user: SessionUser; children: React.ReactNode }) {
  const unread = user.unreadNotifications;
  const items = navigationFor(user.role).map(({ href, label }) => ({ href, label }));
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <span className="text-lg font-semibold text-brand-900">WorkSpaces Portal</span>
          <nav aria-label="Main" className="order-3 w-full sm:order-none sm:w-auto">
            <NavLinks items={items} />
          </nav>
          <div className="flex items-center gap-3 text-sm">
            {/* The name is the visible words plus what only a screen reader needs ("Notifications, 2 unread"). */}
            <Link href="/notifications" className="relative rounded-md px-2 py-1.5 font-medium text-slate-700 hover:bg-slate-100">
              <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="inline h-4 w-4 align-[-2px]">
                <path d={BELL_ICON} />
              </svg>
              <span className="sr-only sm:not-sr-only sm:ml-1">Notifications</span>
              {unread > 0 && (
                <>
                  <span className="sr-only">, </span>
                  <span className="ml-1 rounded-full bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white" data-testid="unread-count">
                    {unread}
                  </span>
                  <span className="sr-only"> unread</span>
                </>
              )}
            </Link>
            <span className="text-slate-600">
              <span className="font-medium text-slate-900">{user.name}</span> · {ROLE_NAMES[user.role]}
            </span>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 focus:outline-none">
        {children}
      </main>
    </div>
  );
}
