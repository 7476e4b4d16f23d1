// A component proves it is alive by POSTing to /api/heartbeat/<token>; the heartbeat check reads
// lastHeartbeatAt on its next run. The token is the only credential, so lookups are by exact match.
import { mutate } from "../realtime/outbox";
import { notFound } from "../http/errors";

export async function recordHeartbeat(token: string, at = new Date()): Promise<void> {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(token)) throw notFound("Heartbeat check");
  await mutate(async (tx) => {
    const { count } = await tx.check.updateMany({ where: { heartbeatToken: token, type: "heartbeat" }, data: { lastHeartbeatAt: at } });
    if (count === 0) throw notFound("Heartbeat check");
  });
}
