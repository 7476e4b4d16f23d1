-- AlterTable
ALTER TABLE "Subscriber" ADD COLUMN     "secret" TEXT;
