import { z } from "zod";
import { type Addresses, type AddressInput, contradictions, deriveAddresses } from "./addresses";

export type Env = Record<string, string | undefined>;

/** Every problem of a configuration, one line each, each naming its variable(s). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((line) => `  - ${line}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** `NAME=` (as .env.example ships) and whitespace mean "use the default". */
export function withoutBlanks(env: Env): Record<string, string> {
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== "") present[name] = value;
  }
  return present;
}

/**
 * Validates `env` against a composition of fragments (`{...sharedEnv,
 * ...webEnv}`); throws a ConfigError naming every bad variable at once.
 */
export function parseEnv<Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
  env: Env,
): z.output<z.ZodObject<Shape>> {
  const result = z.object(shape).safeParse(withoutBlanks(env));
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${String(issue.path[0] ?? "env")}: ${issue.message}`),
    );
  }
  return result.data;
}

/** The addresses of a validated environment; throws on any contradiction. */
export function resolveAddresses(input: AddressInput): Addresses {
  const addresses = deriveAddresses(input);
  const problems = contradictions(input, addresses);
  if (problems.length > 0) throw new ConfigError(problems);
  return addresses;
}
