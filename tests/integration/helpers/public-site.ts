// The public site of a test core, served over real HTTP exactly as server.ts serves it (before
// Next): tests fetch /status, the JSON, the feed and the gate the way browsers and proxies do.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startPublicSite } from "@/lib/public/service";
import type { PublicSite } from "@/lib/public/site";
import type { TestCore } from "./core";

export type PublicHttp = { url: string; site: PublicSite; close: () => Promise<void> };

export async function servePublicSite(core: TestCore): Promise<PublicHttp> {
  const { site, stop } = await startPublicSite(core.ctx);
  const server: Server = createServer((req, res) => {
    if (!site.handle(req, res)) res.writeHead(404).end("not a public path");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    site,
    close: async () => {
      stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
