// The newest live event seq, read once per request and shared by the layout (the browser's replay
// cursor) and the pages that render data into the first HTML. A page reads it before its data, so
// whatever it renders is at least as new as the cursor, and what commits later is replayed.
import { cache } from "react";
import { latestSeq } from "@/lib/realtime/outbox";

export const requestSeq = cache(() => latestSeq());
