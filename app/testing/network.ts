import { createServer } from "node:net";

/** A TCP port on 127.0.0.1 that nothing listens on right now: the one the system hands a listener on port 0. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", resolve);
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (typeof address !== "object" || address === null) throw new Error("could not read the probe server's port");
  return address.port;
}
