-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('queued', 'preparing', 'running', 'judging', 'completed', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('queued', 'running', 'judging', 'completed', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "Task" (
    "id" UUID NOT NULL,
    "orgId" TEXT NOT NULL,
    "teamId" TEXT,
    "userId" TEXT NOT NULL,
    "title" TEXT,
    "source" JSONB NOT NULL,
    "repository" TEXT NOT NULL,
    "agents" TEXT[],
    "dimensions" TEXT[],
    "thresholds" JSONB NOT NULL,
    "maxFiles" INTEGER NOT NULL,
    "maxTurns" INTEGER NOT NULL,
    "contextTokenLimit" INTEGER NOT NULL,
    "trials" INTEGER NOT NULL,
    "priority" INTEGER NOT NULL,
    "seed" INTEGER NOT NULL,
    "status" "TaskStatus" NOT NULL DEFAULT 'queued',
    "errorMessage" TEXT,
    "facts" JSONB,
    "plan" JSONB,
    "summary" JSONB,
    "logSeq" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentRun" (
    "id" UUID NOT NULL,
    "taskId" UUID NOT NULL,
    "orgId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "trial" INTEGER NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "phase" TEXT,
    "sessionId" TEXT,
    "turns" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DOUBLE PRECISION,
    "durationMs" INTEGER,
    "agentMs" INTEGER,
    "overall" DOUBLE PRECISION,
    "passed" BOOLEAN,
    "scores" JSONB,
    "breaking" JSONB,
    "errorMessage" TEXT,
    "scoringError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgentRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Question" (
    "taskId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "groundTruth" JSONB,
    "relevantFiles" TEXT[],
    "position" INTEGER NOT NULL,

    CONSTRAINT "Question_pkey" PRIMARY KEY ("taskId","key")
);

-- CreateTable
CREATE TABLE "Answer" (
    "runId" UUID NOT NULL,
    "questionKey" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "score" DOUBLE PRECISION,
    "judge" TEXT,
    "rationale" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Answer_pkey" PRIMARY KEY ("runId","questionKey","phase")
);

-- CreateTable
CREATE TABLE "CompressionEvent" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "turn" INTEGER NOT NULL,
    "phase" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "tokensBefore" INTEGER,
    "tokensAfter" INTEGER,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompressionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Artifact" (
    "id" UUID NOT NULL,
    "taskId" UUID NOT NULL,
    "runId" UUID,
    "kind" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "bytes" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Artifact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskLog" (
    "taskId" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "runId" UUID,
    "level" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TaskLog_pkey" PRIMARY KEY ("taskId","seq")
);

-- CreateIndex
CREATE INDEX "Task_orgId_createdAt_id_idx" ON "Task"("orgId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Task_orgId_status_idx" ON "Task"("orgId", "status");

-- CreateIndex
CREATE INDEX "Task_orgId_repository_idx" ON "Task"("orgId", "repository");

-- CreateIndex
CREATE INDEX "AgentRun_orgId_agentId_finishedAt_idx" ON "AgentRun"("orgId", "agentId", "finishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AgentRun_taskId_agentId_trial_key" ON "AgentRun"("taskId", "agentId", "trial");

-- CreateIndex
CREATE INDEX "CompressionEvent_runId_idx" ON "CompressionEvent"("runId");

-- CreateIndex
CREATE INDEX "Artifact_taskId_idx" ON "Artifact"("taskId");

-- CreateIndex
CREATE INDEX "TaskLog_taskId_runId_seq_idx" ON "TaskLog"("taskId", "runId", "seq");

-- AddForeignKey
ALTER TABLE "AgentRun" ADD CONSTRAINT "AgentRun_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Question" ADD CONSTRAINT "Question_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Answer" ADD CONSTRAINT "Answer_runId_fkey" FOREIGN KEY ("runId") REFERENCES "AgentRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompressionEvent" ADD CONSTRAINT "CompressionEvent_runId_fkey" FOREIGN KEY ("runId") REFERENCES "AgentRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Artifact" ADD CONSTRAINT "Artifact_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskLog" ADD CONSTRAINT "TaskLog_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;
