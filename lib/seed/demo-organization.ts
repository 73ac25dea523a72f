import "server-only";
import { DEMO_PEOPLE } from "../auth/demo-people";
import type { PrismaClient } from "../generated/prisma/client";

export { DEMO_PEOPLE } from "../auth/demo-people";

/**
 * Creates the demo organization the first time and leaves it alone afterwards: people that already
 * exist keep whatever admins changed (role, manager), so running it on every start is safe. With
 * `admins: false` (a database that is not embedded) nobody is created as an admin.
 */
export async function seedDemoOrganization(prisma: PrismaClient, options: { admins?: boolean } = {}): Promise<{ created: number }> {
  const admins = options.admins ?? true;
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
    // Without admins, the demo's admin joins as an employee: demo sign-in then cannot reach admin pages.
    const role = fields.role === "ADMIN" && !admins ? "EMPLOYEE" : fields.role;
    const { count } = await prisma.user.createMany({ data: [{ ...fields, role, managerId: manager?.id ?? null }], skipDuplicates: true });
    created += count;
  }
  return { created };
}
