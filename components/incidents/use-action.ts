"use client";
// One mutation against the incidents API that refreshes the incident on success and keeps the
// server's message (and field errors) for the control that triggered it.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "@/components/ui/api";

export type ActionError = { message: string; fields: Record<string, string>; code: string };

export function useAction<V, R>(incidentId: string, fn: (vars: V) => Promise<R>, onDone?: (result: R) => void) {
  const qc = useQueryClient();
  const [error, setError] = useState<ActionError | null>(null);
  const m = useMutation({
    mutationFn: fn,
    onMutate: () => setError(null),
    onSuccess: (result) => {
      void qc.invalidateQueries({ queryKey: ["incident", incidentId] });
      onDone?.(result);
    },
    onError: (err) =>
      setError(err instanceof ApiError ? { message: err.message, fields: err.fields, code: err.code } : { message: "Could not reach the server. Try again.", fields: {}, code: "network" }),
  });
  return { run: m.mutate, pending: m.isPending, error, clearError: () => setError(null) };
}
