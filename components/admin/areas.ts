// The admin console's areas, in the order the navigation and the admin home show them.
export const ADMIN_AREAS = [
  { href: "/admin/bundles", label: "Bundles", description: "Amazon's and custom bundles per Region, and what the catalog offers." },
  {
    href: "/admin/images",
    label: "Images",
    description: "Custom images made from a WorkSpace, followed until ready, copied to other Regions and shared.",
  },
  { href: "/admin/prices", label: "Prices", description: "The price table behind every estimate, with confirmation dates." },
  {
    href: "/admin/ip-groups",
    label: "IP access control groups",
    description: "Trusted networks, their rules, and the directories they guard.",
  },
  { href: "/admin/directories", label: "Directories", description: "Registered directories, MFA, self-service and access settings." },
  {
    href: "/admin/aliases",
    label: "Connection aliases",
    description: "Cross-Region redirection: one name for the client, a directory in each of two Regions, and which one is primary.",
  },
  { href: "/admin/fleet", label: "Fleet", description: "Every WorkSpace: search, export, and bulk operations." },
  { href: "/admin/rollouts", label: "Rollouts", description: "A bundle's new image rolled out in waves, canary first." },
  {
    href: "/admin/optimizer",
    label: "Cost optimizer",
    description: "Running-mode advice from this month's usage, turned into requests that follow the approval policy.",
  },
  { href: "/admin/users", label: "Users", description: "People, roles and managers." },
  {
    href: "/admin/accounts",
    label: "AWS accounts",
    description: "The AWS accounts the portal manages WorkSpaces in, and the role it assumes in each.",
  },
  {
    href: "/admin/api-tokens",
    label: "API tokens",
    description: "Tokens for ServiceNow, Jira and scripts: scopes, expiry, last use, and revoking.",
  },
  {
    href: "/admin/webhooks",
    label: "Webhooks",
    description: "Endpoints that hear about requests, WorkSpace states and reclaim warnings, with their delivery logs.",
  },
  { href: "/admin/policies", label: "Policies", description: "Approval thresholds, auto-approved changes and the catalog per persona." },
  { href: "/admin/audit", label: "Audit log", description: "Every request, decision, admin change and AWS call." },
  { href: "/admin/mail", label: "Mail outbox", description: "Mail the portal sent, rendered." },
] as const;
