import { z } from "zod";
import { PASSWORD_HELP_LIMITS } from "../domain";
import { directoryIdSchema } from "./admin-directories";

// The organisation's password-reset instructions for one directory (shown where the portal cannot reset a
// password): shared by the admin's form, the action and the service, which parses again.

const httpsUrl = z
  .string()
  .trim()
  .max(PASSWORD_HELP_LIMITS.url, `Keep the address under ${PASSWORD_HELP_LIMITS.url} characters.`)
  .refine(
    (v) => v === "" || (URL.canParse(v) && new URL(v).protocol === "https:"),
    "Enter a full https address, such as https://password.example.com.",
  );

export const directoryPasswordHelpRef = z.object({ directoryId: directoryIdSchema });

export const directoryPasswordHelpInput = directoryPasswordHelpRef.extend({
  text: z
    .string()
    .trim()
    .min(1, "Write a sentence or two telling people how to reset their password.")
    .max(PASSWORD_HELP_LIMITS.text, `Keep the instructions under ${PASSWORD_HELP_LIMITS.text} characters.`),
  url: httpsUrl.default(""),
});
