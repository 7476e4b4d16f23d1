// Starts the public site for this process: one snapshot, rebuilt on every committed change.
import type { AppContext } from "../runtime/context";
import { latestSeq } from "../realtime/outbox";
import { PublicSite } from "./site";
import { readPublicState } from "./state";
import { publicUrl } from "./url";
import type { RenderExtras } from "./documents";

export const publicExtras: RenderExtras = {};

export async function startPublicSite(ctx: AppContext): Promise<{ site: PublicSite; stop: () => void }> {
  const site = new PublicSite({ read: () => readPublicState(), baseUrl: publicUrl, extras: publicExtras, changeMarker: latestSeq, log: ctx.log });
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
