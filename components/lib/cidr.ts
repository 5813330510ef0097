export function parseCidr(cidr: string): [base: number, prefixBits: number] {
  const [address = "", bits = ""] = cidr.split("/");
  const octets = address.split(".").map(Number);
  const prefixBits = Number(bits);
  const validPrefix = /^\d{1,2}$/.test(bits) && prefixBits <= 32;
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255) || !validPrefix) {
    throw new Error(`Invalid IPv4 CIDR block "${cidr}": expected four octets 0-255 and a prefix length 0-32, such as 10.10.0.0/16`);
  }
  const base = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  return [base, prefixBits];
}

/** Two blocks overlap when they agree on the bits of the shorter prefix. */
export function cidrsOverlap(a: string, b: string): boolean {
  const [baseA, bitsA] = parseCidr(a);
  const [baseB, bitsB] = parseCidr(b);
  const shorter = Math.min(bitsA, bitsB);
  const mask = shorter === 0 ? 0 : (~0 << (32 - shorter)) >>> 0;
  return ((baseA & mask) >>> 0) === ((baseB & mask) >>> 0);
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join(".");
}
