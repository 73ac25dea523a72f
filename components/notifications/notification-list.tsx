"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { markRead } from "@/lib/actions/workspaces";
import { secondaryButton } from "@/components/ui/styles";

export interface NotificationItem {
  id: string;
  title: string;
  body: string;
  link: string | null;
  when: string;
  unread: boolean;
}

export function NotificationList({ items }: { items: NotificationItem[] }) {
  const router = useRouter();
  const [status, setStatus] = useState("");
  const [pending, startTransition] = useTransition();
  const mark = (ids: string[] | "all") =>
    startTransition(async () => {
      const result = await markRead({ ids });
      setStatus(result.ok ? (ids === "all" ? "All notifications marked as read." : "Marked as read.") : result.error);
      router.refresh();
    });
  const unread = items.filter((i) => i.unread).length;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-700">{unread} unread</p>
        <button type="button" className={secondaryButton} disabled={pending || unread === 0} onClick={() => mark("all")}>
          Mark all as read
        </button>
      </div>
      <p aria-live="polite" className="text-sm text-emerald-800">
        {status}
      </p>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {items.map((n) => (
          <li
            key={n.id}
            className={`flex flex-col gap-1 p-4 sm:flex-row sm:items-start sm:justify-between ${n.unread ? "bg-brand-50/60" : ""}`}
          >
            <div className="min-w-0">
              <p className="font-medium text-slate-900">
                {n.unread && <span className="sr-only">Unread: </span>}
                {n.unread && <span aria-hidden className="mr-2 inline-block h-2 w-2 rounded-full bg-brand-600" />}
                {n.link ? (
                  <Link href={n.link} className="hover:underline">
                    {n.title}
                  </Link>
                ) : (
                  n.title
                )}
              </p>
              <p className="whitespace-pre-line text-sm text-slate-700">{n.body}</p>
              <p className="text-xs text-slate-500">{n.when}</p>
            </div>
            {n.unread && (
              <button
                type="button"
                className="text-sm font-medium text-brand-600 underline"
                onClick={() => mark([n.id])}
                disabled={pending}
              >
                Mark as read
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
