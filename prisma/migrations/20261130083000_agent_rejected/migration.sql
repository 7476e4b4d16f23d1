-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "rejected" INTEGER NOT NULL DEFAULT 0;
