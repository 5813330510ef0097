import { z } from "zod";

export const count = z.number().int().nonnegative();
export const positiveInt = z.number().int().positive();
export const percent = z.number().int().min(1).max(100);
// Pulumi.yaml's config types have no decimal, so a decimal is declared and written as a string.
export const decimalString = z
  .string()
  .regex(/^\d+(\.\d+)?$/, "expected a decimal number written as a string, for example \"99.95\"")
  .transform(Number);
export const awsRegion = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "expected an AWS region name such as eu-west-1");
