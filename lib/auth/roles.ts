import type { Persona, Role } from "../generated/prisma/enums";

const RANK: Record<Role, number> = { EMPLOYEE: 0, MANAGER: 1, ADMIN: 2 };

/** Admins can do what managers can (they approve above the admin threshold); managers what employees can. */
export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}

/** The label people know a user by on the sign-in page: "admin", "manager", "employee" or "contractor". */
export function roleLabel(role: Role, persona: Persona): string {
  if (role === "ADMIN") return "admin";
  if (role === "MANAGER") return "manager";
  return persona === "CONTRACTOR" ? "contractor" : "employee";
}

export interface NavItem {
  href: string;
  label: string;
  role: Role;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "My WorkSpaces", role: "EMPLOYEE" },
  { href: "/requests", label: "My requests", role: "EMPLOYEE" },
  { href: "/approvals", label: "Approvals", role: "MANAGER" },
  { href: "/reports", label: "Reports", role: "MANAGER" },
  { href: "/admin", label: "Admin", role: "ADMIN" },
];

export function navigationFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => hasRole(role, item.role));
}
