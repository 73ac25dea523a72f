-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "existsSince" TIMESTAMP(3);

