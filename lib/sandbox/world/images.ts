import { DAY, MINUTE } from "../clock";
import type { ImageRecord, RegionWorld } from "./types";

// How long AWS takes, on the sandbox clock: an image from a WorkSpace (during which the WorkSpace is
// SUSPENDED), and a copy into another Region.
export const IMAGE_CREATE_MINUTES = 45;
export const IMAGE_COPY_MINUTES = 30;
/** AWS's default quota of images per Region. */
export const IMAGES_PER_REGION = 40;
/** Owned Windows images older than this report newer drivers and agent as available updates. */
export const IMAGE_UPDATE_AGE = 90 * DAY;

export const imageReadyAt = (now: number, minutes: number) => now + minutes * MINUTE;

// A PENDING image becomes AVAILABLE (or ERROR, when marked to fail) once its time has come. Images
// are few per Region, so every tick looks at all of them.
export function settleImages(world: RegionWorld, now: number): void {
  for (const image of Object.values(world.images)) {
    if (image.State !== "PENDING" || image.readyAt === undefined || image.readyAt > now) continue;
    finishImage(image);
  }
}

function finishImage(image: ImageRecord): void {
  image.readyAt = undefined;
  if (image.failure) {
    image.State = "ERROR";
    image.ErrorCode = image.failure.code;
    image.ErrorMessage = image.failure.message;
    image.failure = undefined;
  } else image.State = "AVAILABLE";
}
