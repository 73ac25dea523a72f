// Sizes the "Increase volumes" and "Request a WorkSpace" forms offer: only combinations AWS accepts
// ([80,10], [80,50], [80,100] or root 175–2000 with user 100–2000), growing only. The server checks
// again with the domain's rules; this keeps impossible choices out of the lists in the first place.

const ROOT_STEPS = [80, 175, 200, 250, 300, 500, 1000, 2000];
const USER_STEPS = [10, 50, 100, 150, 200, 250, 300, 500, 1000, 2000];

export function validCombination(rootGb: number, userGb: number): boolean {
  if (rootGb === 80) return userGb === 10 || userGb === 50 || userGb === 100;
  return rootGb >= 175 && rootGb <= 2000 && userGb >= 100 && userGb <= 2000;
}

/** Larger user-volume sizes that fit the current root volume. */
export function userVolumeOptions(rootGb: number, userGb: number): number[] {
  return USER_STEPS.filter((u) => u > userGb && validCombination(rootGb, u));
}

/** Larger root-volume sizes that fit the current user volume. */
export function rootVolumeOptions(rootGb: number, userGb: number): number[] {
  return ROOT_STEPS.filter((r) => r > rootGb && validCombination(r, userGb));
}
