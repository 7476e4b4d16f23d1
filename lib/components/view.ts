// Shapes of the components API for the authenticated app (GET /api/components), shared by the
// route handler and the browser (type-only imports: no server code reaches the bundle).
import type { ComponentStatus } from "../public/components";
import type { ComponentImpact } from "../stack/schema";
import type { Status } from "../stack/status";

export type ComponentDependencyView = {
  layer: string;
  /** The layer's internal name (null when the key names no layer, which the stack schema refuses). */
  layerName: string | null;
  layerId: string | null;
  impact: ComponentImpact;
  /** What the layer's checks say right now. */
  layerStatus: Status;
};

export type ComponentOverrideView = {
  status: ComponentStatus;
  /** The incident whose leader set it (null when that incident no longer exists). */
  incident: { id: string; number: number; title: string; status: string } | null;
  by: { id: string; name: string } | null;
  at: string;
};

export type ComponentView = {
  id: string;
  key: string;
  /** The public name, the only one customers see. */
  name: string;
  description: string;
  group: string | null;
  position: number;
  layers: ComponentDependencyView[];
  /** What the probes say: derived from the layers, ignoring the override and maintenance windows. */
  derivedStatus: ComponentStatus;
  /** What the status page shows now (override, maintenance windows and probes together). */
  publicStatus: ComponentStatus;
  override: ComponentOverrideView | null;
};

export type ComponentsView = {
  /** Declared in stack.yaml; empty when the stack declares none (the status page then lists public layers). */
  components: ComponentView[];
};

/** PUT /api/incidents/:id/components/:key response. */
export type ComponentOverrideResult = { component: ComponentView };
