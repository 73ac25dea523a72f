import { requestStatusView } from "@/lib/presentation/status";
import { Badge } from "./badge";

export function RequestStatusBadge({ status }: { status: string }) {
  const view = requestStatusView(status);
  return <Badge tone={view.tone}>{view.label}</Badge>;
}
