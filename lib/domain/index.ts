// The public API of the domain: pure rules, no I/O. Server code imports it as `@/lib/domain`; client
// components import `@/lib/domain/client`, the same without the zod schemas.
export * from "./client";
export * from "./schemas";
