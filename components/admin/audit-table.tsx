import Link from "next/link";
import type { AuditRow } from "@/lib/queries/admin-audit";
import { auditDetails, auditDiff, auditSentence, type AuditNameBook, type AuditSegment } from "@/lib/presentation/audit";
import { EmptyRow, TableFrame } from "./data-table";

const cell = "px-3 py-2 align-top";

function Sentence({ segments }: { segments: AuditSegment[] }) {
  return (
    <>
      {segments.map((s, i) => {
        if (typeof s === "string") return <span key={i}>{s}</span>;
        const words = s.href ? (
          <Link href={s.href} className="text-brand-700 underline">
            {s.text}
          </Link>
        ) : (
          <span className="font-medium">{s.text}</span>
        );
        return (
          <span key={i}>
            {words}
            {s.rawId && (
              <>
                {" "}
                <code data-raw-id className="text-xs text-slate-600">
                  {s.rawId}
                </code>
              </>
            )}
          </span>
        );
      })}
    </>
  );
}

/** The event's before/after, field by field, and its other facts; closed until asked for. */
function Changes({ row, names }: { row: AuditRow; names: AuditNameBook }) {
  const diff = auditDiff(row.before, row.after, names);
  const details = auditDetails(row.detail, names);
  const summary = diff.length ? `Before and after (${diff.length} ${diff.length === 1 ? "field" : "fields"})` : "Details";
  return (
    <details className="mt-1 text-xs text-slate-700">
      <summary className="cursor-pointer text-brand-700 underline-offset-2 hover:underline">{summary}</summary>
      <div className="mt-2 space-y-2">
        {diff.length > 0 && (
          <table className="w-full table-fixed border border-slate-200 text-left">
            <caption className="sr-only">What changed</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-2 py-1 font-medium">
                  Field
                </th>
                <th scope="col" className="px-2 py-1 font-medium">
                  Before
                </th>
                <th scope="col" className="px-2 py-1 font-medium">
                  After
                </th>
              </tr>
            </thead>
            <tbody>
              {diff.map((d) => (
                <tr key={d.field} className="border-t border-slate-100">
                  <th scope="row" className="px-2 py-1 font-normal break-words">
                    {d.field}
                  </th>
                  <td className="px-2 py-1 break-words text-red-800">
                    <span className="sr-only">was </span>
                    {d.before}
                  </td>
                  <td className="px-2 py-1 break-words text-emerald-800">
                    <span className="sr-only">now </span>
                    {d.after}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {details.length > 0 && (
          <dl className="grid grid-cols-[minmax(0,10rem)_minmax(0,1fr)] gap-x-3 gap-y-0.5">
            {details.map((d) => (
              <div key={d.field} className="contents">
                <dt className="text-slate-600">{d.field}</dt>
                <dd className="break-words">{d.value}</dd>
              </div>
            ))}
          </dl>
        )}
        <p data-raw-id className="break-all text-slate-600">
          Action <code>{row.action}</code> · {row.targetType} <code>{row.targetId}</code>
          {row.awsRequestIds.length > 0 && (
            <>
              {" "}
              · AWS request {row.awsRequestIds.length === 1 ? "id" : "ids"} <code>{row.awsRequestIds.join(" ")}</code>
            </>
          )}
        </p>
      </div>
    </details>
  );
}

/** The audit log as sentences, newest first, each with its before/after behind a disclosure (server-rendered). */
export function AuditTable({ rows, names }: { rows: AuditRow[]; names: AuditNameBook }) {
  const head = (
    <>
      <th scope="col" className="w-40 px-3 py-2 font-medium">
        When (UTC)
      </th>
      <th scope="col" className="px-3 py-2 font-medium">
        What happened
      </th>
    </>
  );
  return (
    <TableFrame label="Audit events" head={head} maxHeight="none">
      {rows.length === 0 ? (
        <EmptyRow colSpan={2}>No events match these filters.</EmptyRow>
      ) : (
        rows.map((row) => (
          <tr key={row.id} className="border-t border-slate-100">
            <td className={`${cell} text-xs whitespace-nowrap text-slate-600 sm:text-sm`}>
              <time dateTime={row.at}>{row.at.replace("T", " ").slice(0, 16)}</time>
            </td>
            <td className={cell}>
              <Sentence segments={auditSentence(row, names)} />
              <Changes row={row} names={names} />
            </td>
          </tr>
        ))
      )}
    </TableFrame>
  );
}
