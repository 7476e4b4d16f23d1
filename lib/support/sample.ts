// Made-up public facts for previewing a template before any incident exists.
import type { ReplyFacts } from "./render";

export function sampleFacts(statusUrl: string): ReplyFacts {
  return {
    title: "Some payments are failing",
    status: "identified",
    components: [
      { name: "Checkout", status: "partial_outage" },
      { name: "Emails", status: "degraded_performance" },
    ],
    latestUpdate: { body: "Some card payments fail at the last step. We have found the cause and are rolling out a fix.", age: "12 minutes ago" },
    nextUpdate: "by 14:30 UTC",
    maintenance: { enabled: true, message: "We are doing some work on the site. Please come back in a few minutes." },
    statusUrl,
  };
}
