// Outside Next.js, `import "server-only"` (first line of the portal's server modules) must resolve to
// nothing: the package itself throws unless a React Server bundler picked its "react-server" export.
// The one place scripts that run portal modules under tsx get that: `tsx --import ./scripts/register-server-only.mjs`.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      `export async function resolve(s, c, next) { ` +
        `return s === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(s, c); }`,
    ),
);
