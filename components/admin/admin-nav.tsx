"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { ADMIN_AREAS } from "./areas";

const ACTIVE_LINK = "bg-brand-100 font-medium text-brand-900";
const OTHER_LINK = "text-slate-700 hover:bg-slate-100";

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="mb-6 border-b border-slate-200 pb-3">
      <ul className="flex flex-wrap gap-1">
        {ADMIN_AREAS.map((area) => {
          const active = pathname.startsWith(area.href);
          return (
            <li key={area.href}>
              <Link
                href={area.href}
                aria-current={active ? "page" : undefined}
                className={`block rounded-md px-3 py-1.5 text-sm ${active ? ACTIVE_LINK : OTHER_LINK}`}
              >
                {area.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
