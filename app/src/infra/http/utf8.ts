/**
 * Bytes from clients read as UTF-8 strictly: Node's own decoding turns every byte that is not UTF-8 into U+FFFD
 * without a word, so a learner's name or answer would be stored differently from what was sent. Here such bytes are
 * a 400 that says where they are.
 */
import { isUtf8 } from "node:buffer";
import { badRequest } from "./errors.js";

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629), or -1. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] as number;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return index;
    // The second byte's range excludes overlong forms, surrogates (ED A0-BF) and code points above U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    const second = bytes[index + 1];
    if (second === undefined || second < low || second > high) return index;
    for (let next = 2; next < length; next++) {
      const continuation = bytes[index + next];
      if (continuation === undefined || continuation < 0x80 || continuation > 0xbf) return index;
    }
    index += length;
  }
  return -1;
}

/** `bytes` as text, or the 400 `invalid_text` saying that `what` ("The request body") is not UTF-8 and where. */
export function decodeUtf8Strictly(bytes: Buffer, what: string): string {
  if (isUtf8(bytes)) return bytes.toString("utf8");
  const offset = findInvalidUtf8(bytes);
  const shown = [...bytes.subarray(offset, offset + 4)].map((byte) => byte.toString(16).toUpperCase().padStart(2, "0")).join(" ");
  throw badRequest(
    "invalid_text",
    `${what} is not valid UTF-8: the bytes at offset ${offset} (${shown}) do not form a character. Send the text encoded as UTF-8.`,
  );
}
