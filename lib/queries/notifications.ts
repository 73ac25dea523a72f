import "server-only";
export { listNotifications, unreadNotificationCount } from "../services/inbox";
