import type { Metadata } from "next";
import { NotificationList } from "@/components/notifications/notification-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { relativeTime } from "@/lib/presentation/format";
import { listNotifications } from "@/lib/queries/notifications";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const user = await requireUser();
  const rows = await listNotifications(user.id, 100);
  const now = new Date();
  return (
    <>
      <PageHeader title="Notifications" description="Every step of your requests and the approvals you are asked for." />
      {rows.length === 0 ? (
        <EmptyState title="No notifications yet">When a request moves on, you hear about it here.</EmptyState>
      ) : (
        <NotificationList
          items={rows.map((n) => ({
            id: n.id,
            title: n.title,
            body: n.body,
            link: n.link,
            when: relativeTime(n.createdAt, now),
            unread: n.readAt === null,
          }))}
        />
      )}
    </>
  );
}
