import Link from "next/link";
import { EmptyMessage } from "@/components/ui/state-message";

export default function DashboardNotFound() {
  return (
    <div className="flex flex-col items-center gap-2">
      <h1 className="text-xl font-semibold tracking-tight">Not found</h1>
      <EmptyMessage>
        Nothing lives at this address. <Link href="/" className="text-indigo-600 underline dark:text-indigo-400">Back to the overview</Link>
      </EmptyMessage>
    </div>
  );
}
