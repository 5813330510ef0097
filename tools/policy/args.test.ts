import { describe, expect, it } from "vitest";
import { UsageError } from "../cli/usage.js";
import { parseRunnerArgs } from "./args.js";

describe("parseRunnerArgs", () => {
  it("reads a stack to synthesize", () => {
    expect(parseRunnerArgs(["--stack", "phase3"])).toEqual({ command: "check", stack: "phase3", json: false });
  });

  it("reads a saved preview, a config file and --json", () => {
    expect(parseRunnerArgs(["--preview", "p.json", "--config", "c.json", "--json"])).toEqual({ command: "check", preview: "p.json", config: "c.json", json: true });
  });

  it("reads --write-config and --help", () => {
    expect(parseRunnerArgs(["--write-config"])).toEqual({ command: "write-config" });
    expect(parseRunnerArgs(["-h"])).toEqual({ command: "help" });
  });

  it.each([
    [[], "Give --stack <phase> (synthesized offline) or --preview <file.json> (a saved preview)."],
    [["--json"], "Give --stack <phase> (synthesized offline) or --preview <file.json> (a saved preview)."],
    [["--stack", ""], "--stack needs a value."],
    [["--write-config", "--stack", "phase1"], "--write-config writes every stack's file and takes no other option (got --stack)."],
  ])("rejects %j", (argv, message) => {
    expect(() => parseRunnerArgs(argv)).toThrow(new UsageError(message));
  });

  it("rejects an unknown option and a positional argument as usage errors", () => {
    expect(() => parseRunnerArgs(["--stak", "phase1"])).toThrow(UsageError);
    expect(() => parseRunnerArgs(["phase1"])).toThrow(UsageError);
    expect(() => parseRunnerArgs(["--stack"])).toThrow(UsageError);
  });
});
