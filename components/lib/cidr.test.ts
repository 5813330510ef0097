import { describe, expect, it } from "vitest";
import { cidrsOverlap, formatIpv4, parseCidr } from "./cidr.js";

describe("parseCidr", () => {
  it("reads the base address as a number and the prefix length", () => {
    expect(parseCidr("10.10.0.0/16")).toEqual([(10 << 24) + (10 << 16), 16]);
    expect(parseCidr("0.0.0.0/0")).toEqual([0, 0]);
    expect(parseCidr("255.255.255.255/32")).toEqual([2 ** 32 - 1, 32]);
  });

  it.each(["10.10.0/16", "10.10.0.256/16", "10.10.0.0/33", "10.10.0.0", "10.10.0.0/", "10.10.0.0/1.5"])("rejects %s, naming it", (cidr) => {
    expect(() => parseCidr(cidr)).toThrow(`Invalid IPv4 CIDR block "${cidr}"`);
  });
});

describe("cidrsOverlap", () => {
  it("sees a block inside another, in either order", () => {
    expect(cidrsOverlap("10.10.0.0/16", "10.10.128.0/17")).toBe(true);
    expect(cidrsOverlap("10.10.128.0/17", "10.10.0.0/16")).toBe(true);
  });

  it("keeps neighbouring blocks apart", () => {
    expect(cidrsOverlap("10.10.0.0/16", "10.20.0.0/16")).toBe(false);
    expect(cidrsOverlap("10.10.0.0/17", "10.10.128.0/17")).toBe(false);
  });

  it("treats /0 as overlapping everything", () => {
    expect(cidrsOverlap("0.0.0.0/0", "192.168.1.0/24")).toBe(true);
  });
});

describe("formatIpv4", () => {
  it("writes a number back as four octets", () => {
    expect(formatIpv4(parseCidr("10.10.144.0/20")[0])).toBe("10.10.144.0");
    expect(formatIpv4(2 ** 32 - 1)).toBe("255.255.255.255");
  });
});
