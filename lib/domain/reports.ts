// Who sees which WorkSpaces in the cost and health reports.

export type ReportScope = { kind: "fleet" } | { kind: "team"; managerId: string };

/** Admins see the whole fleet, managers the WorkSpaces of the people who report to them, employees no reports. */
export function reportScopeFor(user: { id: string; role: "EMPLOYEE" | "MANAGER" | "ADMIN" }): ReportScope | null {
  if (user.role === "ADMIN") return { kind: "fleet" };
  if (user.role === "MANAGER") return { kind: "team", managerId: user.id };
  return null;
}
