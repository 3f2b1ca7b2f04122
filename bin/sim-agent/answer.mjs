import { declarationOf, declarations, diffFacts } from "./code-facts.mjs";
import { normalize } from "./notes.mjs";

// Answers from retained notes only. Each recognised question has its own handler; anything else gets an
// answer assembled from the notes that share the most keywords with the prompt.

const DONT_REMEMBER = "I don't remember.";
const list = (names) => names.map((n) => `\`${n}\``).join(", ");
const byTurn = (a, b) => a.turn - b.turn || a.id - b.id;

const diffNotes = (notes) => notes.filter((n) => n.kind === "diff" && n.path).sort(byTurn);
const diffOf = (notes, path) => diffNotes(notes).filter((n) => n.path === path).at(-1);
const describe = (f) => `\`${f.path}\` (${f.status}, ${f.hunks} ${f.hunks === 1 ? "hunk" : "hunks"}, +${f.additions} −${f.deletions})`;

const HANDLERS = [
  [/Which file adds the declaration `([^`]+)`/i, (notes, [, symbol]) => {
    const owner =
      diffNotes(notes).findLast((n) => diffFacts(n.text).addedSymbols.includes(symbol)) ??
      notes.filter((n) => n.kind === "file").findLast((n) => n.text.split("\n").some((l) => declarationOf(l) === symbol));
    return owner ? `\`${owner.path}\` adds \`${symbol}\`.` : `I don't remember which file adds \`${symbol}\`.`;
  }],
  [/How many hunks does the diff of `([^`]+)`/i, (notes, [, path]) => {
    const note = diffOf(notes, path);
    if (!note) return `I don't remember the diff of \`${path}\`.`;
    const { hunks } = diffFacts(note.text);
    return `${hunks} ${hunks === 1 ? "hunk" : "hunks"} in \`${path}\`.`;
  }],
  [/Which declarations does the change remove from `([^`]+)`/i, (notes, [, path]) => {
    const note = diffOf(notes, path);
    if (!note) return `I don't remember what the change removes from \`${path}\`.`;
    const { removedSymbols } = diffFacts(note.text);
    return removedSymbols.length > 0 ? `It removes ${list(removedSymbols)}.` : `I don't see any declaration removed from \`${path}\`.`;
  }],
  [/Which file did you study first/i, (notes) => {
    const first = diffNotes(notes)[0];
    return first ? `The first file was \`${first.path}\`.` : DONT_REMEMBER;
  }],
  [/How many lines did the change add to the first file you studied/i, (notes) => {
    const first = diffNotes(notes)[0];
    return first ? `${diffFacts(first.text).additions} lines were added to \`${first.path}\`.` : DONT_REMEMBER;
  }],
  [/Which declarations does the change add in the first file you studied/i, (notes) => {
    const first = diffNotes(notes)[0];
    if (!first) return DONT_REMEMBER;
    const { addedSymbols } = diffFacts(first.text);
    return addedSymbols.length > 0 ? `\`${first.path}\` adds ${list(addedSymbols)}.` : `I don't see declarations added in \`${first.path}\`.`;
  }],
  [/What is the status of `([^`]+)`/i, (notes, [, path]) => {
    const note = diffOf(notes, path);
    return note ? `\`${path}\` is ${diffFacts(note.text).status}.` : `I don't remember \`${path}\`.`;
  }],
  [/How many files did we study/i, (notes) => {
    const paths = new Set([...diffNotes(notes).map((n) => n.path), ...notes.flatMap((n) => (n.kind === "summary" ? n.paths : []))]);
    return paths.size > 0 ? `${paths.size} files.` : DONT_REMEMBER;
  }],
  [/current value of (.+?)\?/i, (notes, [, subject]) => {
    const wanted = normalize(subject);
    const facts = notes.filter((n) => (n.kind === "statement" || n.kind === "correction") && n.subject === wanted).sort(byTurn);
    const latest = facts.at(-1);
    return latest ? `\`${latest.value}\`` : DONT_REMEMBER;
  }],
  [/begin every answer to a question marked (\S+) with the tag (\S+)/i, (_, [, marker, tag]) =>
    `Understood: I will begin every answer to a question marked ${marker} with ${tag}`],
  [/Correction: (.+?) is now `([^`]+)`/i, (_, [, subject, value]) => `Noted: ${subject} is now \`${value}\`.`],
  [/Remember this for later: (.+?) is `([^`]+)`/i, (_, [, subject, value]) => `Noted: ${subject} is \`${value}\`.`],
  [/workspace is no longer available/i, () => "Understood. From now on I answer from memory only."],
];

export function answer(prompt, notes) {
  const prefix = notes
    .filter((n) => n.kind === "rule" && prompt.includes(n.marker))
    .map((n) => `${n.tag} `)
    .join("");
  for (const [pattern, handler] of HANDLERS) {
    const match = pattern.exec(prompt);
    if (match) return prefix + handler(notes, match);
  }
  return prefix + openAnswer(prompt, notes);
}

const STOPWORDS = new Set("this that with from what which when where would could should their there have does your about into them they then than these those change changes file files".split(" "));

/** Retrieval by keyword overlap; a study turn gets a description of the diff it just quoted. */
function openAnswer(prompt, notes) {
  const keywords = new Set(
    [...prompt.matchAll(/`([^`]+)`|([A-Za-z_$][\w$.-]{3,})/g)].map((m) => (m[1] ?? m[2]).toLowerCase()).filter((w) => !STOPWORDS.has(w)),
  );
  const candidates = notes.filter((n) => n.kind === "diff" || n.kind === "file");
  const scored = candidates
    .map((note) => ({ note, score: [...keywords].filter((k) => note.text.toLowerCase().includes(k) || note.path?.toLowerCase() === k).length }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || b.note.turn - a.note.turn || b.note.id - a.note.id);
  const picked = (scored.length > 0 ? scored.map((s) => s.note) : candidates.slice(-3)).slice(0, 3);
  if (picked.length === 0) {
    const summary = notes.find((n) => n.kind === "summary");
    return summary ? `I only remember the outline: ${summary.text}` : "I don't remember enough about this change to answer.";
  }
  const sentences = picked.map((note) => {
    if (note.kind === "file") return `\`${note.path}\` declares ${list(declarations(note.text.split("\n"))) || "nothing I can name"}.`;
    const f = diffFacts(note.text);
    const adds = f.addedSymbols.length > 0 ? ` adds ${list(f.addedSymbols)}` : "";
    const removes = f.removedSymbols.length > 0 ? `${adds ? " and" : ""} removes ${list(f.removedSymbols)}` : "";
    return `${describe(f)}${adds}${removes}${adds || removes ? "" : " changes no declarations"}.`;
  });
  return `From what I remember: ${sentences.join(" ")} The parts to watch are the callers of these declarations and the tests around them.`;
}
