import { z } from "zod";
import { dnsCheck } from "./dns";
import { heartbeatCheck } from "./heartbeat";
import { httpCheck } from "./http";
import { metricsCheck } from "./metrics";
import { mysqlCheck } from "./mysql";
import { postgresCheck } from "./postgres";
import { prometheusCheck } from "./prometheus";
import { redisCheck } from "./redis";
import { tcpCheck } from "./tcp";
import { tlsCheck } from "./tls";
import type { CheckDefinition } from "./types";

export const checkTypes = {
  http: httpCheck,
  tcp: tcpCheck,
  dns: dnsCheck,
  tls: tlsCheck,
  redis: redisCheck,
  postgres: postgresCheck,
  mysql: mysqlCheck,
  heartbeat: heartbeatCheck,
  prometheus: prometheusCheck,
  metrics: metricsCheck,
} as const;

export type CheckType = keyof typeof checkTypes;

export function isCheckType(type: string): type is CheckType {
  return Object.hasOwn(checkTypes, type);
}

export function getCheckType(type: string): CheckDefinition<unknown> | undefined {
  return isCheckType(type) ? checkTypes[type] : undefined;
}

/** zod safeParse of a config for its type; an unknown type is reported as a failed parse. */
export function validateCheckConfig(type: string, config: unknown) {
  const def = getCheckType(type);
  if (!def) return z.custom<never>(() => false, { message: `unknown check type "${type}"` }).safeParse(config);
  return def.schema.safeParse(config);
}
