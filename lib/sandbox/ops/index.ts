import type { Handler } from "../engine";
import type { ServiceKey } from "../protocol/model";
import { aliasOps } from "./aliases";
import { bundleOps } from "./bundles-images";
import { cloudWatchOps } from "./cloudwatch";
import { directoryOps } from "./directories";
import { dsOps } from "./ds";
import { imageOps } from "./images";
import { ipGroupOps } from "./ip-groups";
import { tagOps } from "./tags";
import { describeOps } from "./workspaces-describe";
import { lifecycleOps } from "./workspaces-lifecycle";
import { modifyOps } from "./workspaces-modify";

export const handlers: Record<ServiceKey, Record<string, Handler>> = {
  workspaces: {
    ...describeOps,
    ...lifecycleOps,
    ...modifyOps,
    ...bundleOps,
    ...directoryOps,
    ...ipGroupOps,
    ...tagOps,
    ...imageOps,
    ...aliasOps,
  },
  ds: dsOps,
  cloudwatch: cloudWatchOps,
};
