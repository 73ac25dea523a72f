import "server-only";
import type { Persona, Role } from "../generated/prisma/enums";

export interface DemoPerson {
  email: string;
  name: string;
  role: Role;
  persona: Persona;
  department: string;
  costCenter: string;
  directoryUserName: string;
  managerEmail?: string;
}

// The demo organization's people (lib/seed/demo-organization.ts creates them) and the only identities demo
// sign-in may open. The sandbox's directories hold the same directory user names, so they own WorkSpaces there.
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    email: "bob@example.com",
    name: "Bob Martinez",
    role: "MANAGER",
    persona: "EMPLOYEE",
    department: "Engineering",
    costCenter: "CC-1001",
    directoryUserName: "bob",
  },
  {
    email: "frank@example.com",
    name: "Frank Osei",
    role: "MANAGER",
    persona: "EMPLOYEE",
    department: "Finance",
    costCenter: "CC-2001",
    directoryUserName: "frank",
  },
  {
    email: "carol@example.com",
    name: "Carol Smith",
    role: "ADMIN",
    persona: "EMPLOYEE",
    department: "IT",
    costCenter: "CC-9001",
    directoryUserName: "carol",
  },
  {
    email: "alice@example.com",
    name: "Alice Nguyen",
    role: "EMPLOYEE",
    persona: "EMPLOYEE",
    department: "Engineering",
    costCenter: "CC-1001",
    directoryUserName: "alice",
    managerEmail: "bob@example.com",
  },
  {
    email: "dave@example.com",
    name: "Dave Patel",
    role: "EMPLOYEE",
    persona: "CONTRACTOR",
    department: "Engineering",
    costCenter: "CC-1001",
    directoryUserName: "dave",
    managerEmail: "bob@example.com",
  },
  {
    email: "erin@example.com",
    name: "Erin Wong",
    role: "EMPLOYEE",
    persona: "EMPLOYEE",
    department: "Finance",
    costCenter: "CC-2001",
    directoryUserName: "erin",
    managerEmail: "frank@example.com",
  },
];

export const DEMO_PERSON_EMAILS: readonly string[] = DEMO_PEOPLE.map((person) => person.email);
const DEMO_EMAILS: ReadonlySet<string> = new Set(DEMO_PERSON_EMAILS);

/** Whether demo sign-in may open this address: only the seeded demo people, whatever else the database holds. */
export function isDemoPersonEmail(email: string): boolean {
  return DEMO_EMAILS.has(email.trim().toLowerCase());
}
