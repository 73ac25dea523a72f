import "server-only";
export { listNotifications } from "../services/inbox";
