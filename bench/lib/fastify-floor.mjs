// A second reference: a bare Fastify 5 server (no plugins, no hooks, logger
// off) answering {"ok":true}. The api is built on Fastify, so this is the most
// any api route can reach here; the gap between it and the raw ceiling is the
// framework's own cost, and the gap between it and an api route is ours.
import Fastify from "fastify";

const port = Number(process.argv[2]);
const app = Fastify({ logger: false });
app.get("/", async () => ({ ok: true }));
await app.listen({ port, host: "127.0.0.1" });
process.on("SIGTERM", () => app.close().then(() => process.exit(0)));
