import Link from "next/link";
import { aliasAssociationLabel } from "@/lib/presentation/labels";

/** On a directory's page: the connection alias people may type instead of its registration code, if any. */
export function DirectoryAlias({ alias }: { alias: { connectionString: string; status: string } | null }) {
  return (
    <p className="text-sm text-slate-700">
      {alias ? (
        <>
          Connection alias:{" "}
          <Link href={`/admin/aliases/${alias.connectionString}`} className="text-brand-700 underline">
            {alias.connectionString}
          </Link>{" "}
          ({aliasAssociationLabel(alias.status).toLowerCase()}). People may type it into the client instead of the registration code.
        </>
      ) : (
        <>
          No connection alias: people enter the registration code.{" "}
          <Link href="/admin/aliases" className="text-brand-700 underline">
            Set up cross-Region redirection
          </Link>
        </>
      )}
    </p>
  );
}
