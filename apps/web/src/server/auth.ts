import { getAuth } from "../identity/auth.server";

// Better Auth's CLI (`npx auth generate`, `npx auth migrate`, run in apps/web)
// finds its configuration at src/server/auth.ts as an export named `auth`. The app
// never imports this file: it calls getAuth(), which creates the instance on
// first use so `next build` opens no database. Loading this module creates it
// at once, from the same configuration (the root .env and the environment).
export const auth = getAuth();
