import { Alert } from "@/components/ui/alert";
import { MAINTENANCE_BANNER } from "@/lib/domain/maintenance";

/** Shown to the owner while an admin keeps the WorkSpace in maintenance (the domain's words, lib/domain/maintenance.ts). */
export function MaintenanceBanner() {
  return (
    <div className="mb-6" data-testid="maintenance-banner">
      <Alert tone="warning" role="status" title={MAINTENANCE_BANNER.title}>
        {MAINTENANCE_BANNER.sentences.join(" ")}
      </Alert>
    </div>
  );
}
