import "server-only";
import { z } from "zod";
import { changeSchema, type Change } from "../domain";

function isOfType<C extends Change>(change: Change, type: C["type"]): change is C {
  return change.type === type;
}

/** The domain's change schema, held to one type: a stored change of another type is refused, not trusted. */
export function changeSchemaFor<C extends Change>(type: C["type"]): z.ZodType<C> {
  return z.unknown().transform((value, ctx): C => {
    const parsed = changeSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
      return z.NEVER;
    }
    if (!isOfType<C>(parsed.data, type)) {
      ctx.addIssue({ code: "custom", message: `Expected a ${type} change, not ${parsed.data.type}.`, path: ["type"] });
      return z.NEVER;
    }
    return parsed.data;
  });
}
