// Memory profiles of the simulated agent. At each compression a note survives with probability `retention`;
// rules, statements and corrections (what the session told it to keep) with `ruleRetention`.

export const PROFILES = [
  {
    id: "sim-strong",
    label: "Sim: strong memory",
    retention: 0.9,
    ruleRetention: 0.97,
    description: "Simulated agent that keeps about 90% of its notes through each compression and nearly always keeps rules and corrections.",
  },
  {
    id: "sim-medium",
    label: "Sim: medium memory",
    retention: 0.6,
    ruleRetention: 0.7,
    description: "Simulated agent that keeps about 60% of its notes through each compression and usually keeps rules and corrections.",
  },
  {
    id: "sim-weak",
    label: "Sim: weak memory",
    retention: 0.35,
    ruleRetention: 0.35,
    description: "Simulated agent that keeps about a third of its notes through each compression, rules and corrections included.",
  },
  {
    id: "sim-forgetful-rules",
    label: "Sim: forgets instructions",
    retention: 0.85,
    ruleRetention: 0.15,
    description: "Simulated agent that keeps most code facts but usually loses rules and corrections when it compresses.",
  },
];

export const findProfile = (id) => PROFILES.find((p) => p.id === id);
