import { PROJECT_NAME } from "./lib/project.js";

/** The tags every resource of a stack carries, whatever block it belongs to. */
export type StackTags = {
  project: string;
  phase: string;
  "cost-center": string;
};

export type ComponentName = "network" | "cdn" | "backend" | "database" | "cache" | "monitoring" | "disaster-recovery" | "frontend";

export type ResourceTags = StackTags & { component: ComponentName; Name?: string };

export function stackTags({ stack, costCenter }: { stack: string; costCenter: string }): StackTags {
  return { project: PROJECT_NAME, phase: stack, "cost-center": costCenter };
}

export function resourceTags(stack: StackTags, component: ComponentName, name?: string): ResourceTags {
  return name === undefined ? { ...stack, component } : { ...stack, component, Name: name };
}
