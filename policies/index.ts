import { PolicyPack } from "@pulumi/policy";
import { allRules } from "./rules/index.js";

// The pack's entry, the only module that constructs a PolicyPack (constructing one starts the analyzer's server).
// Per-phase bounds come from `policies/config/phaseN.json` (`--policy-pack-config`), generated from the stack files.
new PolicyPack("francaisfluide", { policies: allRules });
