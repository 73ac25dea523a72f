import { PageSkeleton } from "@/components/ui/page-skeleton";

// Only where the page cannot answer 404: a loading boundary makes the status 200 before the page runs.
export default function Loading() {
  return <PageSkeleton />;
}
