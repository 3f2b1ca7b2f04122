import type { ReactNode } from "react";
import { IdentityBanner } from "@/components/auth/identity-banner";
import { MainNav } from "@/components/layout/main-nav";
import { currentIdentity } from "@/server/auth/current-identity";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const identity = await currentIdentity();
  return (
    <>
      <IdentityBanner mode={identity.mode} caller={identity.caller} />
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <MainNav />
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  );
}
