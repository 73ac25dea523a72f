import { signOutAction } from "@/lib/actions/auth";
import { navigationFor } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/session";
import { NavLinks } from "./nav-links";

const ROLE_NAMES = { EMPLOYEE: "Employee", MANAGER: "Manager", ADMIN: "Admin" } as const;

export function AppShell({ user, children }: { user: CurrentUser; children: React.ReactNode }) {
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
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
