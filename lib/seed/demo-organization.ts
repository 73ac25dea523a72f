import type { PrismaClient } from "../generated/prisma/client";
import type { Persona, Role } from "../generated/prisma/enums";

interface DemoPerson {
  email: string;
  name: string;
  role: Role;
  persona: Persona;
  department: string;
  costCenter: string;
  directoryUserName: string;
  managerEmail?: string;
}

// The sandbox's directories hold the same directory user names, so the demo people own WorkSpaces there.
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { email: "bob@example.com", name: "Bob Martinez", role: "MANAGER", persona: "EMPLOYEE", department: "Engineering", costCenter: "CC-1001", directoryUserName: "bob" },
  { email: "frank@example.com", name: "Frank Osei", role: "MANAGER", persona: "EMPLOYEE", department: "Finance", costCenter: "CC-2001", directoryUserName: "frank" },
  { email: "carol@example.com", name: "Carol Smith", role: "ADMIN", persona: "EMPLOYEE", department: "IT", costCenter: "CC-9001", directoryUserName: "carol" },
  { email: "alice@example.com", name: "Alice Nguyen", role: "EMPLOYEE", persona: "EMPLOYEE", department: "Engineering", costCenter: "CC-1001", directoryUserName: "alice", managerEmail: "bob@example.com" },
  { email: "dave@example.com", name: "Dave Patel", role: "EMPLOYEE", persona: "CONTRACTOR", department: "Engineering", costCenter: "CC-1001", directoryUserName: "dave", managerEmail: "bob@example.com" },
  { email: "erin@example.com", name: "Erin Wong", role: "EMPLOYEE", persona: "EMPLOYEE", department: "Finance", costCenter: "CC-2001", directoryUserName: "erin", managerEmail: "frank@example.com" },
];

/**
 * Creates the demo organization the first time and leaves it alone afterwards: people that already
 * exist keep whatever admins changed (role, manager), so running it on every start is safe.
 */
export async function seedDemoOrganization(prisma: PrismaClient): Promise<{ created: number }> {
  let created = 0;
  // Managers first, so reports can point at them.
  for (const person of DEMO_PEOPLE) {
    const existing = await prisma.user.findUnique({ where: { email: person.email }, select: { id: true } });
    if (existing) continue;
    const manager = person.managerEmail
      ? await prisma.user.findUnique({ where: { email: person.managerEmail }, select: { id: true } })
      : null;
    const { managerEmail: _managerEmail, ...fields } = person;
    // ON CONFLICT DO NOTHING: another process starting at the same moment may have inserted it.
    const { count } = await prisma.user.createMany({ data: [{ ...fields, managerId: manager?.id ?? null }], skipDuplicates: true });
    created += count;
  }
  return { created };
}
