"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { PublicUser } from "@/lib/realtime/catalogue";
import { ROLES, type Role } from "@/lib/auth/roles";
import { apiFetch, ApiError } from "@/components/ui/api";
import { Field } from "@/components/ui/field";

export function UsersAdmin({ initialUsers, selfId }: { initialUsers: PublicUser[]; selfId: string }) {
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: ["users"], queryFn: () => apiFetch<{ users: PublicUser[] }>("/api/users"), initialData: { users: initialUsers } });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiFetch<{ user: PublicUser }>("/api/users", { method: "POST", body }),
    onSuccess: ({ user }, _vars) => {
      qc.setQueryData<{ users: PublicUser[] }>(["users"], (old) => ({ users: old?.users.some((u) => u.id === user.id) ? old.users : [...(old?.users ?? []), user] }));
      setErrors({});
      setNotice(`Added ${user.email}.`);
    },
    onError: (err) => setErrors(err instanceof ApiError ? { ...err.fields, _: err.message } : { _: "Could not reach the server." }),
  });
  const patch = useMutation({
    mutationFn: ({ id, body }: { id: string; body: Record<string, unknown> }) => apiFetch<{ user: PublicUser }>(`/api/users/${id}`, { method: "PATCH", body }),
    onSuccess: ({ user }) => {
      qc.setQueryData<{ users: PublicUser[] }>(["users"], (old) => ({ users: (old?.users ?? []).map((u) => (u.id === user.id ? user : u)) }));
      setNotice(`Saved ${user.email}.`);
    },
    onError: (err) => setNotice(err instanceof Error ? err.message : "Could not save."),
  });

  function onAdd(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const form = e.currentTarget;
    add.mutate(Object.fromEntries(f.entries()), { onSuccess: () => form.reset() });
  }

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-xl font-semibold">Users</h1>
      <form onSubmit={onAdd} className="card grid gap-3 sm:grid-cols-5 sm:items-end" aria-label="Add user" noValidate>
        <Field label="Email" name="email" type="email" error={errors.email} />
        <Field label="Name" name="name" error={errors.name} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" error={errors.password} />
        <label className="flex flex-col gap-1 text-sm font-medium">
          Role
          <select name="role" className="input" defaultValue="responder">
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <button className="btn-primary" type="submit" disabled={add.isPending}>
          Add user
        </button>
        {errors._ && !Object.keys(errors).some((k) => k !== "_") && (
          <p role="alert" className="field-error sm:col-span-5">
            {errors._}
          </p>
        )}
      </form>
      {notice && (
        <p role="status" className="text-sm">
          {notice}
        </p>
      )}
      <div className="card overflow-x-auto p-0">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">All users</caption>
          <thead className="border-b border-slate-200 dark:border-slate-800">
            <tr>
              <th className="p-3">Name</th>
              <th className="p-3">Email</th>
              <th className="p-3">Role</th>
              <th className="p-3">Status</th>
            </tr>
          </thead>
          <tbody>
            {data.users.map((u) => (
              <tr key={u.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                <td className="p-3">{u.name}</td>
                <td className="p-3">{u.email}</td>
                <td className="p-3">
                  <select
                    aria-label={`Role of ${u.email}`}
                    className="input w-auto"
                    value={u.role}
                    disabled={u.id === selfId}
                    onChange={(e) => patch.mutate({ id: u.id, body: { role: e.target.value as Role } })}
                  >
                    {ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                </td>
                <td className="p-3">
                  {u.id === selfId ? (
                    <span>you</span>
                  ) : (
                    <button type="button" className={u.disabled ? "btn-secondary" : "btn-danger"} onClick={() => patch.mutate({ id: u.id, body: { disabled: !u.disabled } })}>
                      {u.disabled ? `Enable ${u.email}` : `Disable ${u.email}`}
                    </button>
                  )}
                  {u.disabled && <span className="ml-2 text-slate-500">disabled</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
