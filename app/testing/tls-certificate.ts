/** A self-signed certificate for 127.0.0.1, made by openssl for one test run, so TLS is tested without any real CA. */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface ThrowawayCertificate {
  certificateFile: string;
  keyFile: string;
  /** The certificate itself, which is also its own certificate authority. */
  certificatePem: string;
}

/** Writes a P-256 key and a one-day certificate for 127.0.0.1 and localhost into `directory` (a few milliseconds). */
export async function createThrowawayCertificate(directory: string): Promise<ThrowawayCertificate> {
  const certificateFile = join(directory, "redis-test.crt");
  const keyFile = join(directory, "redis-test.key");
  await run("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
    "-keyout", keyFile, "-out", certificateFile,
  ]);
  return { certificateFile, keyFile, certificatePem: await readFile(certificateFile, "utf8") };
}
