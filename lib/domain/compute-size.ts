import type { ComputeType } from "./types";

/**
 * Compute sizes from small to large: a higher number is a larger size; the g4dn generation of a graphics
 * type has the same size as the older one. Only the order matters (it decides which cool-down applies).
 */
export const COMPUTE_SIZE_ORDER: Readonly<Record<ComputeType, number>> = {
  VALUE: 1,
  STANDARD: 2,
  PERFORMANCE: 3,
  POWER: 4,
  POWERPRO: 5,
  GRAPHICS: 6,
  GRAPHICS_G4DN: 6,
  GRAPHICSPRO: 7,
  GRAPHICSPRO_G4DN: 7,
};
