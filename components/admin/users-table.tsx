"use client";

import Link from "next/link";
import type { UserRow } from "@/lib/queries/admin-users";
import { DataTable, type DataColumn } from "./data-table";

const ROLE = { EMPLOYEE: "Employee", MANAGER: "Manager", ADMIN: "Admin" } as const;
const PERSONA = { EMPLOYEE: "Employee", CONTRACTOR: "Contractor" } as const;

const columns: DataColumn<UserRow>[] = [
  {
    id: "name",
    header: "Name",
    sortValue: (u) => u.name,
    cell: (u) => (
      <Link href={`/admin/users/${u.id}`} className="text-brand-700 underline">
        {u.name}
      </Link>
    ),
  },
  { id: "email", header: "Email", sortValue: (u) => u.email },
  {
    id: "role",
    header: "Role",
    sortValue: (u) => u.role,
    cell: (u) => (
      <>
        {ROLE[u.role]}
        {u.roleSource && <span className="block text-xs text-slate-600">from {u.roleSource}</span>}
      </>
    ),
  },
  { id: "persona", header: "Persona / groups", sortValue: (u) => [PERSONA[u.persona], ...u.groups].join(", ") },
  { id: "directoryUserName", header: "Directory user name", sortValue: (u) => u.directoryUserName },
  { id: "managerName", header: "Manager", sortValue: (u) => u.managerName },
  { id: "department", header: "Department", sortValue: (u) => u.department },
  { id: "workspaces", header: "WorkSpaces", sortValue: (u) => u.workspaces },
];

export function UsersTable({ users }: { users: UserRow[] }) {
  return <DataTable label="Users" data={users} columns={columns} getRowId={(u) => u.id} />;
}
