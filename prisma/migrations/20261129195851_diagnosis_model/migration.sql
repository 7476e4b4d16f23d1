-- AlterTable
ALTER TABLE "Check" ADD COLUMN     "reference" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "resource" TEXT;

-- AlterTable
ALTER TABLE "Layer" ADD COLUMN     "dependsOn" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "resource" TEXT,
ADD COLUMN     "thirdParty" BOOLEAN NOT NULL DEFAULT false;
