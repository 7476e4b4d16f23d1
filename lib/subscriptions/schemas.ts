// Sign-up input, the same whether it came as JSON or from the no-JavaScript form on /status
// (where a single ticked checkbox arrives as a string, and empty fields as "").
import { z } from "zod";

const blank = (v: unknown) => (typeof v === "string" && !v.trim() ? undefined : v);

export const subscribeInput = z
  .object({
    email: z.preprocess(blank, z.string({ message: "must be an email address" }).trim().toLowerCase().max(254, "must be at most 254 characters").pipe(z.email({ message: "must be an email address" })).optional()),
    webhookUrl: z.preprocess(blank, z.string({ message: "must be an http:// or https:// URL" }).trim().max(2000, "must be at most 2000 characters").optional()),
    components: z.preprocess(
      (v) => (v === undefined || v === null || v === "" ? [] : typeof v === "string" ? [v] : v),
      z.array(z.string({ message: "must be component keys" }).trim().min(1, "must not be empty").max(100, "is too long"), { message: "must be a list of component keys" }).max(200, "too many components"),
    ),
  })
  .superRefine((v, ctx) => {
    if (!v.email && !v.webhookUrl) ctx.addIssue({ code: "custom", path: ["email"], message: "give an email address or a webhook URL" });
    if (v.email && v.webhookUrl) ctx.addIssue({ code: "custom", path: ["webhookUrl"], message: "give either an email address or a webhook URL, not both" });
  });
export type SubscribeInput = z.infer<typeof subscribeInput>;

/** The JSON answer to a sign-up (202). Identical whether the address was new, pending or confirmed. */
export type SubscribeAnswer = {
  status: "pending_confirmation";
  message: string;
  /** Webhook sign-ups only: the key that signs its payloads (X-Warroom-Signature). Shown this once. */
  secret?: string;
};

export const subscribeAnswerSchema = z.object({
  status: z.literal("pending_confirmation"),
  message: z.string(),
  secret: z.string().optional().describe("Webhook sign-ups only: the key that signs its payloads. Shown this once."),
});
export const subscribeAnswerConforms = (a: SubscribeAnswer): z.input<typeof subscribeAnswerSchema> => a;
