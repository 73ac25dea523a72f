// The WorkSpaces API's per-call item limits. Calls for N items must be exactly ceil(N / limit).

export const BATCH_LIMITS = {
  CreateWorkspaces: 25,
  RebootWorkspaces: 25,
  StartWorkspaces: 25,
  StopWorkspaces: 25,
  TerminateWorkspaces: 25,
  RebuildWorkspaces: 1,
  DescribeWorkspaces: 25,
  DescribeWorkspacesConnectionStatus: 25,
} as const;

export type BatchedOperation = keyof typeof BATCH_LIMITS;

/** Splits items into consecutive batches of at most `size`, keeping their order. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`);
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

/** The fewest calls the API allows for `count` items of `operation`. */
export function minimumCalls(operation: BatchedOperation, count: number): number {
  return Math.ceil(count / BATCH_LIMITS[operation]);
}

/** Drops repeated ids, so a caller's duplicate does not cost a call or a confusing double failure. */
export function uniqueIds(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/** Runs `work` over `items` with at most `concurrency` in flight. */
export async function eachWithConcurrency<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  // After a failure no worker takes another item: the caller is told at once and nothing more is sent.
  const worker = async () => {
    while (!failed && next < items.length) {
      try {
        await work(items[next++]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}
