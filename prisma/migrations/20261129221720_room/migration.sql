-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "commsLeadId" TEXT,
ADD COLUMN     "scribeId" TEXT;

-- CreateTable
CREATE TABLE "AlertAck" (
    "incidentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "ackedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertAck_pkey" PRIMARY KEY ("incidentId","userId","key")
);

-- AddForeignKey
ALTER TABLE "AlertAck" ADD CONSTRAINT "AlertAck_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
