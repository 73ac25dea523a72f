// The domain without its zod schemas: pure rules and types, safe to import from client components
// (`@/lib/domain/client`) without shipping zod to the browser. Server code imports `@/lib/domain`,
// which adds the schemas. client.test.ts checks that nothing here reaches zod.
export * from "./types";
export * from "./operating-system";
export * from "./change";
export * from "./money";
export * from "./prices";
export { EXAMPLE_PRICE_TABLE } from "./prices.seed";
export * from "./cost";
export * from "./settings";
export * from "./approval";
export * from "./approvers";
export * from "./running-mode";
export * from "./reclaim";
export * from "./usage";
export * from "./impact";
export * from "./request-status";
export * from "./workspace-actions";
export * from "./maintenance";
export * from "./password-help";
export * from "./tags";
export { validateChange, validateChangeSet } from "./validate";
export { changePreconditions } from "./validate/preconditions";
export { catalogOfferingFor, selfServiceRefusals } from "./validate/access";
export {
  DEFAULT_VALIDATION_POLICY,
  type PreconditionContext,
  type Refusal,
  type ValidationContext,
  type ValidationPolicy,
  type ValidationResult,
} from "./validate/context";
export {
  volumeCombinationRefusals,
  validCombination,
  rootVolumeOptions,
  userVolumeOptions,
  ROOT_VOLUME_SIZES_GB,
  USER_VOLUME_SIZES_GB,
  MAX_VOLUME_GB,
} from "./validate/volumes";
export { computeChangeDirection, COMPUTE_SIZE_ORDER } from "./validate/compute";
export {
  tagRefusals,
  reservedTagKeyRefusal,
  applyTagsChange,
  PORTAL_REQUEST_TAG_KEY,
  COST_CENTRE_TAG_KEY,
  MAX_TAGS_PER_RESOURCE,
} from "./validate/tags";
export * from "./api";
