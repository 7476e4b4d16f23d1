import { describe, expect, it, vi } from "vitest";
import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { applyEvent } from "./apply";
import type { LiveEnvelope } from "./catalogue";

// A real QueryClient and a query that reads "the database" when its fetch starts and answers
// when the test lets it: the first load is in flight when the change and its event arrive.
describe("applyEvent", () => {
  it("an event arriving during a query's first load makes the page show the change, not the load's older read", async () => {
    const qc = new QueryClient();
    const key = ["timeline", "i1", ""];
    const database = { rows: ["declared"] };
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const observer = new QueryObserver(qc, {
      queryKey: key,
      staleTime: Infinity,
      queryFn: async () => {
        const read = [...database.rows];
        await gate;
        return read;
      },
    });
    const unsubscribe = observer.subscribe(() => undefined);
    try {
      await vi.waitFor(() => expect(qc.getQueryState(key)?.fetchStatus).toBe("fetching"));
      database.rows.push("note");
      const e: LiveEnvelope<"timeline:appended"> = { seq: 2, room: "incident:i1", type: "timeline:appended", payload: { incidentId: "i1", seq: 2, kind: "note", text: "note", at: "", actorId: null, data: null }, at: "" };
      applyEvent(qc, e);
      release();
      await vi.waitFor(() => expect(qc.getQueryState(key)).toMatchObject({ fetchStatus: "idle", status: "success" }));
      expect(qc.getQueryData(key)).toEqual(["declared", "note"]);
    } finally {
      unsubscribe();
      qc.clear();
    }
  });
});
