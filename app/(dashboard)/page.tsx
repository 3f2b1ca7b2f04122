import { redirect } from "next/navigation";

// The overview arrives with the tasks issue; until then the jobs page is the dashboard.
export default function HomePage() {
  redirect("/jobs");
}
