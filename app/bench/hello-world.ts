/**
 * The ceiling: a bare Fastify route on this machine, in its own process like the real server, so the
 * benchmark compares like with like. Listens on PORT (127.0.0.1) and prints "listening" when ready.
 */
import Fastify from "fastify";

const app = Fastify({ logger: false });
app.get("/", async () => ({ hello: "world" }));

const port = Number(process.env.PORT ?? "0");
await app.listen({ port, host: "127.0.0.1" });
process.stdout.write("listening\n");
process.on("SIGTERM", () => {
  void app.close().then(() => process.exit(0));
});
