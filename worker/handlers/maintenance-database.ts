import { maintainDatabase } from "@/server/maintenance/maintain-database";
import { defineHandler } from "../handler-context";

export default defineHandler(async (params: { vacuum: boolean }) => maintainDatabase(params));
