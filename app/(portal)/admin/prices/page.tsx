import type { Metadata } from "next";
import { PriceEditor } from "@/components/admin/price-editor";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getPriceTable } from "@/lib/core/settings";

export const metadata: Metadata = { title: "Prices" };
export const dynamic = "force-dynamic";

export default async function PricesPage() {
  await requireRole("ADMIN");
  const table = await getPriceTable(db());
  return (
    <>
      <PageHeader
        title="Prices"
        description={
          "The price table behind every cost estimate, in US dollars. " +
          "Set the date you last checked a price against AWS; unconfirmed prices are labelled as examples."
        }
      />
      <PriceEditor table={table} />
    </>
  );
}
