"use client";
import { useState } from "react";
import { apiFetch, ApiError } from "@/components/ui/api";

export function LoginForm({ next }: { next?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await apiFetch<{ home: string }>("/api/auth/login", { method: "POST", body: { email: form.get("email"), password: form.get("password") } });
      window.location.assign(next ?? res.home);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not reach the server.");
      setBusy(false);
    }
  }
  return (
    <form onSubmit={onSubmit} className="card flex flex-col gap-4" aria-label="Sign in">
      <label className="flex flex-col gap-1 text-sm font-medium">
        Email
        <input className="input" name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Password
        <input className="input" name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <button className="btn-primary" type="submit" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
