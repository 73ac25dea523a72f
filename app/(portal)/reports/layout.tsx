import { requireRole } from "@/lib/auth/session";

export default async function ReportsLayout({ children }: { children: React.ReactNode }) {
  await requireRole("MANAGER");
  return children;
}
