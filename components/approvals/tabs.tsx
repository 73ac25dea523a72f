import Link from "next/link";

const TABS = [
  { href: "/approvals", label: "Waiting for me" },
  { href: "/approvals/history", label: "History" },
  { href: "/approvals/team", label: "My team" },
  { href: "/approvals/delegation", label: "Delegation" },
];
const CURRENT_TAB = "border-brand-600 text-brand-900";
const OTHER_TAB = "border-transparent text-slate-600 hover:text-slate-900";

export function ApprovalTabs({ current, waiting }: { current: string; waiting?: number }) {
  return (
    <nav aria-label="Approvals sections" className="mb-6 overflow-x-auto border-b border-slate-200">
      <ul className="flex gap-1">
        {TABS.map((t) => (
          <li key={t.href}>
            <Link
              href={t.href}
              aria-current={current === t.href ? "page" : undefined}
              className={`block whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${current === t.href ? CURRENT_TAB : OTHER_TAB}`}
            >
              {t.label}
              {t.href === "/approvals" && waiting !== undefined ? ` (${waiting})` : ""}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
