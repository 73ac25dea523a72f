-- AlterTable
ALTER TABLE "OutboxJob" ADD COLUMN     "fence" INTEGER NOT NULL DEFAULT 0;

