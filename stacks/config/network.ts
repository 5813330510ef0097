import { z } from "zod";
import { cidrsOverlap, parseCidr } from "../../components/lib/cidr.js";
import type { Problem } from "./errors.js";
import { awsRegion, percent } from "./primitives.js";
import type { RecoveryKeys } from "./recovery.js";

const ipv4Cidr = z
  .string()
  .regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/, "expected an IPv4 CIDR block such as 10.10.0.0/16");

export const networkKeyShape = {
  regions: z.array(awsRegion).min(1),
  regionTrafficPercent: z.array(percent).min(1),
  regionVpcCidrs: z.array(ipv4Cidr).min(1),
  availabilityZoneSuffixes: z.array(z.string().regex(/^[a-f]$/, "expected one availability-zone letter, a to f")).min(2),
  natGateways: z.enum(["none", "single", "per-az"]),
};

export type NetworkKeys = z.output<z.ZodObject<typeof networkKeyShape>>;

/** One serving region; the first listed is the primary. */
export interface RegionConfig {
  name: string;
  primary: boolean;
  trafficPercent: number;
  vpcCidr: string;
  availabilityZones: string[];
}

export interface NetworkConfig {
  natGateways: "none" | "single" | "per-az";
}

// A /20 holds sixteen /24s: one subnet per tier (public, private) in each of up to eight zones.
const LARGEST_VPC_PREFIX_BITS = 20;

export function networkProblems(keys: NetworkKeys & Pick<RecoveryKeys, "disasterRecovery">): Problem<keyof NetworkKeys>[] {
  return [...perRegionListProblems(keys), ...duplicateRegionProblems(keys), ...trafficProblems(keys), ...vpcCidrProblems(keys), ...failoverRegionProblems(keys)];
}

function perRegionListProblems(keys: NetworkKeys): Problem<keyof NetworkKeys>[] {
  const regionCount = keys.regions.length;
  return (["regionTrafficPercent", "regionVpcCidrs"] as const)
    .filter((key) => keys[key].length !== regionCount)
    .map((key) => ({ key, message: `needs one entry per region (${regionCount}: ${keys.regions.join(", ")}), found ${keys[key].length}` }));
}

function duplicateRegionProblems(keys: NetworkKeys): Problem<"regions">[] {
  return new Set(keys.regions).size === keys.regions.length ? [] : [{ key: "regions", message: `lists a region twice: ${keys.regions.join(", ")}` }];
}

function trafficProblems(keys: NetworkKeys): Problem<"regionTrafficPercent">[] {
  const trafficTotal = keys.regionTrafficPercent.reduce((a, b) => a + b, 0);
  return trafficTotal === 100 ? [] : [{ key: "regionTrafficPercent", message: `must sum to 100, found ${trafficTotal}` }];
}

function vpcCidrProblems(keys: NetworkKeys): Problem<"regionVpcCidrs">[] {
  const problems: Problem<"regionVpcCidrs">[] = [];
  keys.regionVpcCidrs.forEach((cidr, i) => {
    if (parseCidr(cidr)[1] > LARGEST_VPC_PREFIX_BITS) {
      problems.push({ key: "regionVpcCidrs", message: `${cidr} is too small: a VPC needs at least a /${LARGEST_VPC_PREFIX_BITS} to hold one /24 subnet per tier and zone` });
    }
    for (const other of keys.regionVpcCidrs.slice(i + 1)) {
      if (cidrsOverlap(cidr, other)) problems.push({ key: "regionVpcCidrs", message: `${cidr} overlaps ${other}: regional VPCs must not overlap, so they can be peered` });
    }
  });
  return problems;
}

function failoverRegionProblems(keys: NetworkKeys & Pick<RecoveryKeys, "disasterRecovery">): Problem<"regions">[] {
  const failsOver = keys.disasterRecovery === "multi-region-failover";
  return failsOver && keys.regions.length < 2 ? [{ key: "regions", message: "multi-region failover needs at least two regions" }] : [];
}

export function nestRegions(keys: NetworkKeys): RegionConfig[] {
  return keys.regions.map((name, i) => ({
    name,
    primary: i === 0,
    trafficPercent: keys.regionTrafficPercent[i] as number,
    vpcCidr: keys.regionVpcCidrs[i] as string,
    availabilityZones: keys.availabilityZoneSuffixes.map((suffix) => `${name}${suffix}`),
  }));
}

export function nestNetwork(keys: NetworkKeys): NetworkConfig {
  return { natGateways: keys.natGateways };
}
