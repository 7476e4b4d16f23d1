"use client";
// Credentials whose secret is shown once (API tokens, probe agents' tokens): the list's create and
// revoke mutations, the name form, and the notice that holds the new token until it is copied.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch, ApiError } from "./api";
import { Field } from "./field";

export type FreshToken = { name: string; token: string };

/** `url` lists and creates (POST { name }); `${url}/${id}` revokes (DELETE). */
export function useTokenAdmin<R extends { token: string }>(url: string, queryKey: readonly unknown[], nameOf: (created: R) => string) {
  const qc = useQueryClient();
  const [fresh, setFresh] = useState<FreshToken | null>(null);
  const [error, setError] = useState<string | undefined>();
  const refresh = () => void qc.invalidateQueries({ queryKey });
  const create = useMutation({
    mutationFn: (name: string) => apiFetch<R>(url, { method: "POST", body: { name } }),
    onSuccess: (res) => {
      setFresh({ name: nameOf(res), token: res.token });
      setError(undefined);
      refresh();
    },
    onError: (err) => setError(err instanceof ApiError ? (err.fields.name ?? err.message) : "Could not reach the server."),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(`${url}/${id}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
  return { fresh, dismiss: () => setFresh(null), error, create: (name: string) => create.mutate(name), creating: create.isPending, revoke: (id: string) => revoke.mutate(id) };
}

type FormProps = { label: string; field: string; placeholder: string; submit: string; error?: string; pending: boolean; onCreate: (name: string) => void; className?: string };

/** One name in, one credential out. */
export function NewTokenForm({ label, field, placeholder, submit, error, pending, onCreate, className = "" }: FormProps) {
  return (
    <form
      aria-label={label}
      className={`${className} flex flex-wrap items-end gap-2`.trim()}
      onSubmit={(e) => {
        e.preventDefault();
        onCreate(String(new FormData(e.currentTarget).get("name") ?? ""));
      }}
    >
      <Field label={field} name="name" placeholder={placeholder} error={error} className="min-w-60 flex-1" />
      <button className="btn-primary" type="submit" disabled={pending}>
        {submit}
      </button>
    </form>
  );
}

/** The new token, announced (role=status) and shown this once; `children` say what to do with it. */
export function TokenOnce({ message, tokenLabel, token, className, children }: { message: string; tokenLabel: string; token: string; className: string; children?: React.ReactNode }) {
  return (
    <div role="status" className={`flex flex-col border-amber-400 text-sm ${className}`}>
      <p className="font-medium">{message}</p>
      <code aria-label={tokenLabel} className="block break-all font-mono">
        {token}
      </code>
      {children}
    </div>
  );
}
