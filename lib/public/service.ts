// Starts the public site for this process: one snapshot, rebuilt on every committed change.
import type { AppContext } from "../runtime/context";
import { publicChangesSince } from "./change-poll";
import { PublicSite } from "./site";
import { readPublicState } from "./state";
import { publicUrl } from "./url";
import type { RenderExtras } from "./documents";
import { statuspageDocuments } from "./statuspage";
import { uuidV5 } from "./statuspage/uuid";
import { subscribeFormHtml } from "../subscriptions/form";
import { emailEnabled } from "../subscriptions/mailer";

export const publicExtras: RenderExtras = {
  subscribe: (s) => subscribeFormHtml(s.components.map((c) => ({ key: c.key, name: c.name })), { email: emailEnabled() }),
  // The page id follows the public URL: the same on every replica and restart.
  more: (s) => statuspageDocuments(s, { id: uuidV5(`page:${publicUrl()}`), name: s.pageName, url: `${publicUrl()}/status`, timeZone: "Etc/UTC" }),
};

export async function startPublicSite(ctx: AppContext): Promise<{ site: PublicSite; stop: () => void }> {
  const site = new PublicSite({ read: () => readPublicState(), baseUrl: publicUrl, extras: publicExtras, changesSince: publicChangesSince, log: ctx.log });
  const listener = () => site.invalidate();
  ctx.onPublicChange.add(listener);
  await site.start();
  return {
    site,
    stop: () => {
      ctx.onPublicChange.delete(listener);
      site.stop();
    },
  };
}
