import { describe, expect, it } from "vitest";
import { UsageError } from "../cli/usage.js";
import { parseLoadTestArgs } from "./args.js";

const PHASES = [1, 2, 3, 4];

describe("parseLoadTestArgs", () => {
  it("reads a phase with the defaults", () => {
    expect(parseLoadTestArgs(["--phase", "1"], PHASES)).toEqual({ phase: 1, fleet: false, durationSeconds: 30, connections: 10, json: false });
  });

  it("reads every option", () => {
    expect(parseLoadTestArgs(["--phase", "4", "--url", "https://api.example.fr/", "--fleet", "--duration", "60", "--connections", "200", "--json"], PHASES)).toEqual({
      phase: 4,
      url: "https://api.example.fr",
      fleet: true,
      durationSeconds: 60,
      connections: 200,
      json: true,
    });
    expect(parseLoadTestArgs(["--help"], PHASES)).toBe("help");
  });

  it.each([
    [[], "Give --phase, one of 1, 2, 3, 4: its stack file says what load to send and what to expect."],
    [["--phase", "5"], '--phase must be one of 1, 2, 3, 4 (the stack files Pulumi.phaseN.yaml), got "5".'],
    [["--phase", "1.0"], '--phase must be one of 1, 2, 3, 4 (the stack files Pulumi.phaseN.yaml), got "1.0".'],
    [["--phase", "1", "--duration", "0"], '--duration must be a whole number from 1 to 3600, got "0".'],
    [["--phase", "1", "--connections", "ten"], '--connections must be a whole number from 1 to 10000, got "ten".'],
    [["--phase", "1", "--url", "localhost:8080"], '--url must use http or https, got "localhost:8080".'],
    [["--phase", "1", "--url", "http://h/v2/check"], '--url is the service\'s base URL, without path or query (the mix adds /v2/check, /api/v1/…), got "http://h/v2/check".'],
  ])("rejects %j", (argv, message) => {
    expect(() => parseLoadTestArgs(argv, PHASES)).toThrow(new UsageError(message));
  });

  it("rejects unknown options and positionals as usage errors", () => {
    expect(() => parseLoadTestArgs(["--phase", "1", "--rate", "5"], PHASES)).toThrow(UsageError);
    expect(() => parseLoadTestArgs(["phase1"], PHASES)).toThrow(UsageError);
  });
});
