-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "accountId" TEXT NOT NULL DEFAULT 'default';

-- CreateTable
CREATE TABLE "AwsAccount" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "awsAccountId" TEXT NOT NULL,
    "roleArn" TEXT NOT NULL,
    "externalId" TEXT,
    "regions" TEXT[],
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AwsAccount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AwsAccount_name_key" ON "AwsAccount"("name");

-- CreateIndex
CREATE UNIQUE INDEX "AwsAccount_roleArn_key" ON "AwsAccount"("roleArn");

-- CreateIndex
CREATE INDEX "Workspace_accountId_region_idx" ON "Workspace"("accountId", "region");

