-- CreateIndex
CREATE INDEX "AgentRun_taskId_status_idx" ON "AgentRun"("taskId", "status");
