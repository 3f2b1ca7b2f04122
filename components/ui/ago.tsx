"use client";

import { useEffect, useState } from "react";
import { formatAgo } from "./format";

/** "12 s ago", re-rendered every second; the exact time is in the title. */
export function Ago({ value }: { value: Date }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time dateTime={value.toISOString()} title={value.toISOString()} suppressHydrationWarning>
      {formatAgo(value, now)}
    </time>
  );
}
