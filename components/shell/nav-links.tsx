"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const ACTIVE_LINK = "bg-brand-600 text-white";
const OTHER_LINK = "text-slate-700 hover:bg-slate-100";

export function NavLinks({ items }: { items: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap gap-1">
      {items.map((item) => {
        const active = item.href === "/" ? pathname === "/" || pathname.startsWith("/workspaces") : pathname.startsWith(item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={`block rounded-md px-3 py-2 text-sm font-medium ${active ? ACTIVE_LINK : OTHER_LINK}`}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
