/** The sessions list's place in the query cache. */
export const sessionKeys = {
  all: ["account", "sessions"] as const,
};
