import Link from "next/link";

export interface Crumb {
  label: string;
  href: string;
}

/**
 * Where a page sits: links to the pages above it, then the page itself named as its title names it
 * (a request's breadcrumb ends in "Change WSAMZN-LLQWLC2M (Standard, Windows) to Performance", never an id).
 */
export function Breadcrumbs({ trail, current }: { trail: readonly Crumb[]; current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm">
      <ol className="flex flex-wrap items-baseline gap-x-1">
        {trail.map((c) => (
          <li key={c.href} className="flex items-baseline gap-x-1">
            <Link href={c.href} className="text-brand-600 underline">
              {c.label}
            </Link>
            <span aria-hidden className="text-slate-500">
              /
            </span>
          </li>
        ))}
        <li aria-current="page" className="min-w-0 break-words text-slate-700">
          {current}
        </li>
      </ol>
    </nav>
  );
}
