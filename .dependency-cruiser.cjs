// The allowed imports between the folders of the portal. `npm run lint` runs this (depcruise) beside
// ESLint; docs/architecture.md draws the same picture. A rule says which folders a folder may NOT
// import; everything else in the same row of the picture or below it is allowed.
//
//   app/ ─► components/ ─► lib/actions ─┐
//   app/api, app/ pages ────────────────┼─► lib/services ─┐        lib/server (composition root:
//   app/api/v1 ─► lib/api (REST layer) ─┘
//                                       └─► lib/queries ──┤         start-up, executor wiring)
//                                           lib/execution ┤
//                 lib/changes (change-type registry) ◄────┤
//                 lib/core (tx, actor, audit, notify, outbox, settings, catalog) ◄─┘
//                 lib/schemas · lib/presentation · lib/auth
//                 lib/domain · lib/aws · lib/db · lib/config · lib/logger      lib/sandbox (stand-alone)

const TESTS = "(\\.test\\.tsx?$|/testing/|^test/|^e2e/)";

/** Folders under lib/, each a layer. */
const L = (name) => `^lib/${name}(/|\\.ts$)`;

const layerRules = [
  {
    name: "domain-is-pure",
    comment: "lib/domain holds pure rules: no I/O and no other portal code (zod is its only dependency).",
    from: { path: L("domain") },
    to: { path: "^(lib/(?!domain/)|app/|components/)" },
  },
  {
    name: "sandbox-stands-alone",
    comment: "The sandbox emulates AWS; it never imports portal code, so it stays a faithful stand-in.",
    from: { path: L("sandbox") },
    to: { path: "^(lib/(?!sandbox/)|app/|components/)" },
  },
  {
    name: "aws-knows-no-requests",
    comment: "The AWS gateway knows nothing of requests, users or the database.",
    from: { path: L("aws") },
    // lib/observability/registry.ts only: the gateway counts its calls into the process's metrics.
    to: { path: "^(lib/(?!aws/|config|observability/registry\\.ts$)|app/|components/)" },
  },
  {
    name: "observability-is-low",
    comment: "Metrics and tracing sit beside the logger: every layer may count into them, they read only config, logger and db.",
    from: { path: L("observability") },
    to: { path: "^(lib/(?!observability/|config|logger|db)|app/|components/)" },
  },
  {
    name: "presentation-is-client-safe",
    comment: "Labels and formatters are pure and run in the browser: they may use the domain and nothing else.",
    from: { path: L("presentation") },
    to: { path: "^(lib/(?!presentation/|domain/)|app/|components/)" },
  },
  {
    name: "schemas-are-leaves",
    comment: "Input schemas are shared by forms, actions, services and routes; they depend only on the domain and its labels.",
    from: { path: L("schemas") },
    to: { path: "^(lib/(?!schemas/|domain/|presentation/)|app/|components/)" },
  },
  {
    name: "changes-registry-below-services",
    comment: "The change-type registry sits under services and execution: domain rules, input schemas and gateway calls.",
    from: { path: L("changes") },
    to: { path: "^(lib/(?!changes/|domain/|aws/|presentation/|schemas/)|app/|components/)" },
  },
  {
    name: "core-is-shared",
    comment: "lib/core is what services and execution share; it must not reach back up into either.",
    from: { path: L("core") },
    // Types only from lib/schemas: the API's resource shapes (lib/core/api-resources.ts) are typed by their schemas.
    to: {
      path: "^(lib/(services|execution|queries|actions|server|seed|auth|sandbox|schemas|changes)(/|\\.ts$)|app/|components/)",
      pathNot: "^lib/schemas/",
    },
  },
  {
    name: "core-uses-schema-types-only",
    comment: "lib/core may name an input schema's type, never run a schema (validation belongs to actions, routes and services).",
    from: { path: L("core") },
    to: { path: L("schemas"), dependencyTypesNot: ["type-only"] },
  },
  {
    name: "services-and-execution-apart",
    comment: "Services and the executor share only lib/core; they never import each other.",
    from: { path: L("services") },
    to: { path: L("execution") },
  },
  {
    name: "execution-and-services-apart",
    comment: "Services and the executor share only lib/core; they never import each other.",
    from: { path: L("execution") },
    to: { path: "^lib/(services|queries|actions|auth|server|seed|sandbox)(/|\\.ts$)" },
  },
  {
    name: "services-point-down",
    comment: "Services are below actions, queries and pages; they never import them.",
    from: { path: L("services") },
    to: { path: "^(lib/(actions|queries|server|seed|sandbox)(/|\\.ts$)|app/|components/)" },
  },
  {
    name: "queries-read-below-services",
    comment: "Queries read for pages; they use core, domain and presentation, never services or actions.",
    from: { path: L("queries") },
    to: { path: "^(lib/(services|execution|actions|server|seed|sandbox|changes)(/|\\.ts$)|app/|components/)" },
  },
  {
    name: "auth-below-actions",
    comment: "Sign-in and sessions sit below actions and services.",
    from: { path: L("auth") },
    to: { path: "^(lib/(services|execution|actions|server|seed|sandbox|changes)(/|\\.ts$)|app/|components/)" },
  },
  {
    name: "actions-are-entry-points",
    comment: "Server actions call services and queries; nothing in lib imports them, and they never reach the executor.",
    from: { path: L("actions") },
    to: { path: "^(lib/(execution|server|seed|sandbox)(/|\\.ts$)|app/|components/)" },
  },
  {
    name: "nothing-imports-actions-upward",
    comment: "Only pages and components import server actions.",
    from: { path: "^lib/(?!actions/)" },
    to: { path: L("actions") },
  },
  {
    name: "seed-below-server",
    comment: "The demo seed writes through core and services; only start-up calls it.",
    from: { path: L("seed") },
    to: { path: "^(lib/(actions|queries|server|execution)(/|\\.ts$)|app/|components/)" },
  },
  {
    name: "api-layer-calls-down",
    comment:
      "lib/api is the REST API's HTTP layer (tokens, problems, pagination, OpenAPI): it calls services, queries, core, schemas, " +
      "domain and auth, never actions, the executor, the change registry or the AWS gateway.",
    from: { path: L("api") },
    to: { path: "^(lib/(actions|execution|server|seed|sandbox|changes|aws)(/|\\.ts$)|app/|components/)" },
  },
  {
    name: "only-routes-import-api",
    comment: "Only the route handlers under app/ use the REST API's HTTP layer.",
    from: { path: "^(lib|components)/", pathNot: "^lib/api/" },
    to: { path: L("api") },
  },
  {
    name: "lib-never-imports-ui",
    comment: "Nothing in lib imports pages or components.",
    from: { path: "^lib/" },
    to: { path: "^(app|components)/" },
  },
  {
    name: "components-stay-presentational",
    comment: "Components render; they reach data only through server actions and types, never services, the database or AWS.",
    from: { path: "^components/" },
    to: { path: "^(app/|lib/(services|execution|core|db|aws|sandbox|server|seed|changes)(/|\\.ts$))", dependencyTypesNot: ["type-only"] },
  },
  {
    name: "client-code-avoids-zod-entry",
    comment: "Client components import the domain's zod-free entry (lib/domain/client), so zod never reaches the browser through it.",
    from: { path: "^components/" },
    to: { path: "^lib/domain/(index|schemas)\\.ts$", dependencyTypesNot: ["type-only"] },
  },
  {
    name: "zod-in-schema-modules",
    comment:
      "Zod schemas live in lib/schemas (inputs), lib/domain/schemas.ts (the domain's shapes and stored settings) and lib/config " +
      "(the environment); the change registry narrows the domain's schema per type, and the sandbox validates against AWS's model.",
    from: { path: "^(lib|app|components)/", pathNot: "^lib/(schemas/|domain/schemas\\.ts$|config|changes/schema\\.ts$|sandbox/)" },
    to: { path: "(^|/)node_modules/zod/", dependencyTypesNot: ["type-only"] },
  },
  {
    name: "app-skips-the-executor",
    comment: "Pages and routes go through services; the executor, the sandbox and start-up are wired in lib/server.",
    from: { path: "^app/" },
    to: { path: "^lib/(execution|sandbox|changes)(/|\\.ts$)" },
  },
];

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import cycle hides an upward dependency; break it by moving the shared piece down.",
      from: {},
      to: { circular: true },
    },
    // Tests may reach across layers to drive a whole flow; the layer rules are for the product's code.
    ...layerRules.map((rule) => ({
      ...rule,
      severity: "error",
      from: { ...rule.from, pathNot: rule.from.pathNot ? `(${rule.from.pathNot})|${TESTS}` : TESTS },
    })),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(\\.next[^/]*|lib/generated|\\.data)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs"],
    },
  },
};
