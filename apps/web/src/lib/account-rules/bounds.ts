// The bounds the forms show and check, apart from the zod schemas
// (./credentials-schema) so that showing them does not load zod.

/** Same bounds as the server (Better Auth emailAndPassword options). */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** Same bound as the server's name rule (identity/account/name-rules.server.ts). */
export const NAME_MAX_LENGTH = 100;
