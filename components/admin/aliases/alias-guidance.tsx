/** The seed's disaster-recovery advice for cross-Region redirection, in the portal's words. */
export function AliasGuidance({ connectionString = "desktop.example.com" }: { connectionString?: string }) {
  return (
    <section aria-labelledby="alias-guidance" className="rounded-lg border border-sky-200 bg-sky-50 p-4 text-sm text-slate-800 sm:p-5">
      <h2 id="alias-guidance" className="text-base font-medium text-brand-900">
        How redirection works
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        <li>
          People type <strong>{connectionString}</strong> into the WorkSpaces client where they would otherwise enter a registration code.
          The same name works in both Regions, so nobody has to re-register when you fail over.
        </li>
        <li>
          Your DNS decides where the name leads. Point a failover record (for example in Route 53) at the primary Region, with a health
          check, so people are sent to the second Region only when the primary stops answering; without health checks, switch a TXT record
          by hand.
        </li>
        <li>
          Decide beforehand when you fail over, from how long people can wait (recovery time) and how much recent work they may lose
          (recovery point), and keep users&apos; data copied to the second Region: its WorkSpaces are separate desktops.
        </li>
      </ul>
    </section>
  );
}
