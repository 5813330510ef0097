/**
 * The ceilings: bare Fastify routes on this machine, in their own process like the real server, so the
 * benchmark compares like with like. GET / is the hello-world of the targets; POST /form parses the
 * same form body /v2/check gets and answers at once, the ceiling of any form-encoded endpoint.
 * Listens on PORT (127.0.0.1) and prints "listening" when ready.
 */
import formbody from "@fastify/formbody";
import Fastify from "fastify";

const app = Fastify({ logger: false });
await app.register(formbody);
app.get("/", async () => ({ hello: "world" }));
app.post("/form", async (request) => ({ fields: Object.keys(request.body as Record<string, string>).length }));

const port = Number(process.env.PORT ?? "0");
await app.listen({ port, host: "127.0.0.1" });
process.stdout.write("listening\n");
process.on("SIGTERM", () => {
  void app.close().then(() => process.exit(0));
});
