import { APP_DEFAULTS } from "@francaisfluide/app/config";
import * as aws from "@pulumi/aws";
import { CacheCluster } from "../components/cache.js";
import { Network, type RegionNetwork } from "../components/network.js";
import { stackTags } from "../components/tags.js";
import type { PhaseConfig } from "./config/index.js";

/**
 * One explicit AWS provider per region, so no resource lands in whatever region the
 * operator's environment defaults to.
 */
function regionalProviders(regions: string[]): Map<string, aws.Provider> {
  return new Map(regions.map((region) => [region, new aws.Provider(`aws-${region}`, { region: region as aws.Region })]));
}

/** Composes the phase's blocks from its config; the same function serves `pulumi up` and the offline tools. */
export function buildPhase(config: PhaseConfig) {
  const tags = stackTags(config);
  const providers = regionalProviders(config.regions.map((region) => region.name));
  const providerFor = (region: string): aws.Provider => {
    const provider = providers.get(region);
    if (!provider) throw new Error(`No AWS provider for region ${region}: it is not one of the phase's regions (${[...providers.keys()].join(", ")})`);
    return provider;
  };

  const network = new Network("network", {
    regions: config.regions.map((region) => ({
      region: region.name,
      vpcCidr: region.vpcCidr,
      availabilityZones: region.availabilityZones,
      provider: providerFor(region.name),
    })),
    natGateways: config.network.natGateways,
    backendPort: APP_DEFAULTS.port,
    tags,
  });

  const cache = new CacheCluster("cache", {
    regions: config.regions.map((region) => {
      const regionNetwork = network.regions[region.name] as RegionNetwork;
      return {
        region: region.name,
        provider: providerFor(region.name),
        vpcId: regionNetwork.vpcId,
        privateSubnetIds: regionNetwork.privateSubnetIds,
        backendSecurityGroupId: regionNetwork.backendSecurityGroupId,
      };
    }),
    topology: config.cache.topology,
    nodeType: config.cache.nodeType,
    shardCount: config.cache.shardCount,
    replicasPerShard: config.cache.replicasPerShard,
    tags,
  });

  return {
    phase: config.phase,
    phaseName: config.phaseName,
    primaryRegion: config.regions[0]?.name,
    network: Object.fromEntries(
      Object.entries(network.regions).map(([region, regionNetwork]) => [
        region,
        {
          vpcId: regionNetwork.vpcId,
          publicSubnetIds: regionNetwork.publicSubnetIds,
          privateSubnetIds: regionNetwork.privateSubnetIds,
        },
      ]),
    ),
    // The AUTH token stays out: it is a secret, read from the component by whatever hands it to the app.
    cache: Object.fromEntries(
      Object.entries(cache.regions).map(([region, { endpoint, port, mode, securityGroupId, readOnly }]) => [region, { endpoint, port, mode, securityGroupId, readOnly }]),
    ),
  };
}
