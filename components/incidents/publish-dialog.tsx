"use client";
// Publishing is deliberate: before a public update goes out, the leader sees exactly what the status
// page and subscribers will get (public title, status, text, affected components). An incident
// without a public title gets one here first; the API refuses a public update without it.
import { useId, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { apiFetch, ApiError } from "@/components/ui/api";
import { DialogForm, ModalDialog } from "@/components/ui/modal-dialog";
import { COMPONENT_STATUS_WORDS } from "@/lib/public/components";
import { PUBLIC_STATUS_LABEL } from "@/lib/support/wording";
import type { DraftResponse } from "@/lib/incidents/schemas";
import { useAction } from "./use-action";
import type { IncidentDetail } from "./types";

type PublicDraft = Extract<DraftResponse, { audience: "public" }>;

export function PublishDialog({ incident, body, open, onClose, onPosted }: { incident: IncidentDetail; body: string; open: boolean; onClose: () => void; onPosted: () => void }) {
  const id = useId();
  const [title, setTitle] = useState("");
  const needsTitle = !incident.publicTitle;
  // Components and status as the public read model has them right now.
  const facts = useQuery({
    queryKey: ["incident", incident.id, "public-draft"],
    queryFn: () => apiFetch<PublicDraft>(`/api/incidents/${incident.id}/updates/draft?audience=public`),
    enabled: open,
    staleTime: 0,
  });
  const publish = useAction(
    incident.id,
    async (v: { title: string; body: string }) => {
      if (needsTitle && !v.title) throw new ApiError(422, "public_title_required", "Write the public title first.", { publicTitle: "is required before a public update" });
      if (needsTitle) await apiFetch(`/api/incidents/${incident.id}`, { method: "PATCH", body: { publicTitle: v.title } });
      return apiFetch(`/api/incidents/${incident.id}/updates`, { method: "POST", body: { body: v.body, audience: "public" } });
    },
    onPosted,
  );

  const titleError = publish.error?.fields.publicTitle;
  const bodyError = publish.error?.fields.body;
  const shownTitle = needsTitle ? title.trim() : incident.publicTitle;
  const components = facts.data?.components ?? [];
  return (
    <ModalDialog open={open} onClose={onClose} labelledBy={`${id}-title`} width="w-[min(40rem,calc(100vw-2rem))]">
      <DialogForm
        titleId={`${id}-title`}
        title="Publish this update?"
        onSubmit={() => publish.run({ title: title.trim(), body })}
        cancel="Keep editing"
        onCancel={onClose}
        submit={publish.pending ? "Publishing…" : "Publish update"}
        pending={publish.pending}
        error={titleError || bodyError ? undefined : publish.error?.message}
        spoken={titleError && `Public title ${titleError}`}
      >
        <p className="text-sm text-slate-700 dark:text-slate-300">It appears on the public status page and goes to subscribers. This is exactly what they will see:</p>
        {needsTitle && (
          <div className="flex flex-col gap-1 rounded border-2 border-amber-700 p-2 dark:border-amber-400">
            <label className="flex flex-col gap-1 text-sm font-medium">
              Public title
              <input
                className="input"
                value={title}
                maxLength={200}
                onChange={(e) => setTitle(e.target.value)}
                aria-invalid={titleError ? true : undefined}
                aria-describedby={`${id}-title-help${titleError ? ` ${id}-title-err` : ""}`}
              />
            </label>
            <span id={`${id}-title-help`} className="text-xs text-slate-700 dark:text-slate-300">
              Nothing about this incident is public yet. Write the title customers will read, in their words; the internal title never leaves the team.
            </span>
            {titleError && (
              <span id={`${id}-title-err`} className="field-error">
                Public title {titleError}
              </span>
            )}
          </div>
        )}
        <dl aria-label="What will be published" className="grid gap-x-3 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">Title</dt>
          <dd className="break-words">{shownTitle || <span className="text-slate-500">(write the public title above)</span>}</dd>
          <dt className="font-semibold">Status</dt>
          <dd>{PUBLIC_STATUS_LABEL[incident.status]}</dd>
          <dt className="font-semibold">Affected components</dt>
          <dd>
            {facts.isPending ? "Loading…" : components.length ? components.map((c) => `${c.name} (${COMPONENT_STATUS_WORDS[c.status].toLowerCase()})`).join(", ") : "None named"}
          </dd>
          <dt className="font-semibold">Update</dt>
          <dd className="rounded border border-slate-200 p-2 break-words whitespace-pre-wrap dark:border-slate-700">{body}</dd>
        </dl>
        {bodyError && <p className="field-error">Update text {bodyError}</p>}
      </DialogForm>
    </ModalDialog>
  );
}
