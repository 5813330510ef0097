import { isSecretVariable } from "@francaisfluide/app/config";

/** A URL carrying a password: `scheme://user:password@host`. */
const URL_WITH_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^\s:/@"]+:[^\s/@"]+@/i;
const SECRET_NAME = /(PASSWORD|TOKEN|SECRET|DSN)$/i;

/** Why a variable (or key) of this name with this value holds a credential in plain text; undefined when it does not. */
export function plainCredential(name: string, value: unknown): string | undefined {
  if (isSecretVariable(name)) return `${name} is one of the app's secrets`;
  if (SECRET_NAME.test(name)) return `${name} is named like a credential`;
  if (typeof value === "string" && URL_WITH_PASSWORD.test(value)) return `${name} holds a URL with a password`;
  return undefined;
}
