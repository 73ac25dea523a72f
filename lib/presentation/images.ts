import type { Tone } from "./status";

// How the image pages show an image's state and link to it. Pure and client-safe.

const IMAGE_TONES: Record<string, Tone> = { AVAILABLE: "success", PENDING: "busy", ERROR: "danger" };

export function imageStateTone(state: string | null | undefined): Tone {
  return (state && IMAGE_TONES[state]) || "neutral";
}

/** An image's own page; the Region is part of the address because ids are per Region. */
export const imageHref = (i: { imageId: string; region: string }) => `/admin/images/${i.imageId}?region=${i.region}`;
