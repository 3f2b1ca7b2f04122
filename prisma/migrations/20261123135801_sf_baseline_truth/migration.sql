-- AlterTable
ALTER TABLE "Question" ADD COLUMN     "baselineGroundTruth" JSONB;
