-- AlterTable
ALTER TABLE "Check" ADD COLUMN     "quorum" INTEGER,
ADD COLUMN     "runOn" JSONB NOT NULL DEFAULT '"server"',
ADD COLUMN     "spread" INTEGER;

-- AlterTable
ALTER TABLE "CheckResult" ADD COLUMN     "vantage" TEXT NOT NULL DEFAULT 'server';

-- CreateTable
CREATE TABLE "Agent" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),
    "lastSeenAt" TIMESTAMPTZ(3),
    "version" TEXT,
    "hostname" TEXT,
    "lagMs" DOUBLE PRECISION,
    "buffered" INTEGER NOT NULL DEFAULT 0,
    "dropped" INTEGER NOT NULL DEFAULT 0,
    "pushRun" TEXT,
    "pushSeq" BIGINT,

    CONSTRAINT "Agent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckVantage" (
    "checkId" TEXT NOT NULL,
    "vantage" TEXT NOT NULL,
    "state" "CheckState" NOT NULL DEFAULT 'unknown',
    "stateSince" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "message" TEXT NOT NULL DEFAULT '',
    "lastOk" BOOLEAN,
    "failStreak" INTEGER NOT NULL DEFAULT 0,
    "okStreak" INTEGER NOT NULL DEFAULT 0,
    "latencyMs" DOUBLE PRECISION,
    "lastCheckedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CheckVantage_pkey" PRIMARY KEY ("checkId","vantage")
);

-- CreateIndex
CREATE UNIQUE INDEX "Agent_name_key" ON "Agent"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_tokenHash_key" ON "Agent"("tokenHash");

-- AddForeignKey
ALTER TABLE "CheckVantage" ADD CONSTRAINT "CheckVantage_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "Check"("id") ON DELETE CASCADE ON UPDATE CASCADE;
