"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/tasks", label: "Tasks" },
  { href: "/tasks/new", label: "New task" },
  { href: "/leaderboard", label: "Leaderboard" },
  { href: "/jobs", label: "Jobs" },
  { href: "/queues", label: "Queues" },
] as const;

/** The longest matching link is the current page (so /tasks/new is "New task", /tasks/123 is "Tasks"). */
function currentHref(pathname: string): string | undefined {
  return LINKS.map((l) => l.href)
    .filter((href) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`)))
    .sort((a, b) => b.length - a.length)[0];
}

export function MainNav() {
  const current = currentHref(usePathname());
  return (
    <nav aria-label="Main" className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-3">
      <Link href="/" className="mr-2 font-semibold tracking-tight">
        Memory-Break
      </Link>
      {LINKS.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={link.href === current ? "page" : undefined}
          className="text-sm text-zinc-600 hover:text-zinc-900 aria-[current=page]:font-semibold aria-[current=page]:text-indigo-700 dark:text-zinc-400 dark:hover:text-zinc-100 dark:aria-[current=page]:text-indigo-400"
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
