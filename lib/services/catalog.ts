import type { Bundle, Directory } from "../domain";
import type { SnapshotEvidence } from "./workspace-records";

/** A directory as the catalog knows it: the rules' view plus what the WorkSpaces client asks for on first use. */
export interface CatalogDirectory extends Directory {
  registrationCode: string | null;
}

/** What the request rules need from AWS besides the cached WorkSpaces, per Region. */
export interface CatalogSource {
  bundles(region: string): Promise<Bundle[]>;
  directories(region: string): Promise<CatalogDirectory[]>;
  snapshots(region: string, workspaceId: string): Promise<SnapshotEvidence>;
}

const globalForCatalog = globalThis as unknown as { __portalCatalog?: CatalogSource };

export function setCatalogSource(source: CatalogSource): void {
  globalForCatalog.__portalCatalog = source;
}

export async function catalogSource(): Promise<CatalogSource> {
  if (!globalForCatalog.__portalCatalog) {
    const { gatewayCatalogSource } = await import("./catalog-gateway");
    globalForCatalog.__portalCatalog = gatewayCatalogSource();
  }
  return globalForCatalog.__portalCatalog!;
}
