import { LoadingMessage } from "@/components/ui/state-message";

export default function DashboardLoading() {
  return <LoadingMessage>Loading…</LoadingMessage>;
}
