"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import type { UserRow } from "@/lib/queries/admin-users";
import { DataTable } from "./data-table";

const ROLE = { EMPLOYEE: "Employee", MANAGER: "Manager", ADMIN: "Admin" } as const;
const PERSONA = { EMPLOYEE: "Employee", CONTRACTOR: "Contractor" } as const;

const columns: ColumnDef<UserRow, unknown>[] = [
  { accessorKey: "name", header: "Name", cell: (c) => <Link href={`/admin/users/${c.row.original.id}`} className="text-brand-700 underline">{c.row.original.name}</Link> },
  { accessorKey: "email", header: "Email" },
  { accessorKey: "role", header: "Role", cell: (c) => ROLE[c.row.original.role] },
  { id: "persona", header: "Persona / groups", accessorFn: (u) => [PERSONA[u.persona], ...u.groups].join(", ") },
  { accessorKey: "directoryUserName", header: "Directory user name", cell: (c) => c.row.original.directoryUserName ?? "—" },
  { accessorKey: "managerName", header: "Manager", cell: (c) => c.row.original.managerName ?? "—" },
  { accessorKey: "department", header: "Department", cell: (c) => c.row.original.department ?? "—" },
  { accessorKey: "workspaces", header: "WorkSpaces" },
];

export function UsersTable({ users }: { users: UserRow[] }) {
  return <DataTable label="Users" data={users} columns={columns} getRowId={(u) => u.id} />;
}
