-- CreateEnum
CREATE TYPE "ChangeKind" AS ENUM ('deploy', 'config', 'feature_flag');

-- CreateTable
CREATE TABLE "IncidentMilestones" (
    "incidentId" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "detectedAt" TIMESTAMPTZ(3) NOT NULL,
    "acknowledgedAt" TIMESTAMPTZ(3) NOT NULL,
    "mitigatedAt" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),
    "edited" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "causeLayer" TEXT,
    "declaredCause" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "IncidentMilestones_pkey" PRIMARY KEY ("incidentId")
);

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "details" TEXT NOT NULL DEFAULT '',
    "ownerId" TEXT,
    "dueDate" DATE,
    "fromTaskId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMPTZ(3),
    "completedById" TEXT,

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeEvent" (
    "id" TEXT NOT NULL,
    "kind" "ChangeKind" NOT NULL,
    "service" TEXT NOT NULL,
    "layerId" TEXT,
    "who" TEXT NOT NULL,
    "version" TEXT,
    "link" TEXT,
    "summary" TEXT NOT NULL DEFAULT '',
    "at" TIMESTAMPTZ(3) NOT NULL,
    "postedById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChangeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IncidentMilestones_startedAt_idx" ON "IncidentMilestones"("startedAt");

-- CreateIndex
CREATE INDEX "FollowUp_incidentId_idx" ON "FollowUp"("incidentId");

-- CreateIndex
CREATE INDEX "FollowUp_completedAt_dueDate_idx" ON "FollowUp"("completedAt", "dueDate");

-- CreateIndex
CREATE INDEX "ChangeEvent_at_idx" ON "ChangeEvent"("at");

-- AddForeignKey
ALTER TABLE "IncidentMilestones" ADD CONSTRAINT "IncidentMilestones_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Incidents from before milestones: their best record is the declaration and the status times.
INSERT INTO "IncidentMilestones" ("incidentId", "startedAt", "detectedAt", "acknowledgedAt", "mitigatedAt", "resolvedAt", "updatedAt")
SELECT "id", "createdAt", "createdAt", "createdAt", COALESCE("monitoringAt", "resolvedAt"), "resolvedAt", now() FROM "Incident";
