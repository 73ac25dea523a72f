-- AlterTable
ALTER TABLE "AwsAccount" ADD COLUMN     "policy" JSONB;

