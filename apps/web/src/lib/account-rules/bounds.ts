// The account rules' bounds, as plain values: the forms show them (a hint, a
// counter) without loading zod, and the identity provider configures Better
// Auth with the same numbers. The schemas built on them are in ./schemas,
// what the server refuses with in ./refusals.

/** A display name, once trimmed. */
export const NAME_MAX_LENGTH = 100;

/** A password being chosen: length only, no composition rules (NIST SP 800-63B). */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export const PASSWORD_TOO_SHORT_MESSAGE = `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
export const PASSWORD_TOO_LONG_MESSAGE = `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
