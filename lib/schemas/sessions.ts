import { z } from "zod";

/** "Sign out everywhere" for one person, from the admin user page. */
export const signOutEverywhereInput = z.object({ userId: z.string().min(1).max(64) });
