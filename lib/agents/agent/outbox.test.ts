import { describe, expect, it } from "vitest";
import { Outbox } from "./outbox";

describe("agent outbox", () => {
  it("keeps the newest within the bound, dropping the oldest and counting them", () => {
    const box = new Outbox<number>(3);
    for (let i = 1; i <= 5; i++) box.push(i);
    expect(box.size).toBe(3);
    expect(box.dropped).toBe(2);
    expect(box.peek(10)).toEqual([3, 4, 5]);
  });

  it("removes a sent batch only once it is confirmed; newer results stay", () => {
    const box = new Outbox<{ n: number }>(10);
    const items = [1, 2, 3, 4].map((n) => ({ n }));
    items.forEach((i) => box.push(i));
    const batch = box.peek(2);
    box.push({ n: 5 });
    box.remove(batch);
    expect(box.peek(10).map((i) => i.n)).toEqual([3, 4, 5]);
  });

  it("a batch partly dropped during its send removes only what is left of it", () => {
    const box = new Outbox<{ n: number }>(3);
    [1, 2, 3].forEach((n) => box.push({ n }));
    const batch = box.peek(3);
    box.push({ n: 4 }); // drops 1
    box.remove(batch);
    expect(box.peek(10).map((i) => i.n)).toEqual([4]);
    expect(box.dropped).toBe(1);
  });

  it("a batch wholly dropped during its send removes nothing newer", () => {
    const box = new Outbox<{ n: number }>(2);
    [1, 2].forEach((n) => box.push({ n }));
    const batch = box.peek(2);
    [3, 4].forEach((n) => box.push({ n }));
    box.remove(batch);
    expect(box.peek(10).map((i) => i.n)).toEqual([3, 4]);
  });

  it("numbers results in push order: the head's number follows sends and drops", () => {
    const box = new Outbox<number>(3);
    expect(box.headSeq).toBe(0);
    [10, 11, 12].forEach((n) => box.push(n));
    box.remove(box.peek(2));
    expect(box.headSeq).toBe(2);
    [13, 14, 15].forEach((n) => box.push(n)); // 12 is dropped
    expect(box.headSeq).toBe(3);
    expect(box.peek(1)).toEqual([13]);
  });

  it("stays correct across compaction", () => {
    const box = new Outbox<number>(100);
    for (let i = 0; i < 20_000; i++) box.push(i);
    expect(box.size).toBe(100);
    expect(box.peek(1)).toEqual([19_900]);
    expect(box.dropped).toBe(19_900);
  });
});
