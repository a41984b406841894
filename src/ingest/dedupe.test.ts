import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { findNearDuplicates } from "./dedupe.ts";

const CORPUS = fileURLToPath(new URL("../../../shared/corpus/", import.meta.url));
const skip = !existsSync(CORPUS) && "../shared not present";

const ORIGINAL = `A Venezuelan asylum seeker living in Lewisville was deported to a mega prison in El Salvador after immigration officials allegedly mistook his autism awareness tattoo for a gang symbol.
Friends and family say the man was told by an immigration official that the tattoo was proof he belonged to a gang. For the past nine months, the kitchen of a small market in Lewisville was where you would find him. He found work at the bakery after crossing the border in west Texas.
In February, he was arrested by agents at his apartment complex. Friends visited him the next day at a jail near Abilene, where they learned he had been charged with crossing into the United States illegally.
Loved ones said he told them immigration authorities said his tattoo was evidence of ties to the gang. The tattoo is a rainbow-colored ribbon made up of puzzle pieces, the symbol for autism awareness, along with the name of his younger brother, who has autism.`;

const OTHER_SAME_EVENT = `The Supreme Court on Thursday ruled that the administration must facilitate the return of a Maryland man deported to El Salvador in error.
The justices left in place a judge's order and said the government must ensure that his case is handled as it would have been. The man, a Salvadoran citizen, had been living legally in the United States with a work permit.
Officials acknowledged an administrative error but argued that courts had no power to order his return from a foreign country. A lower court judge had set a deadline that was paused by the chief justice.`;

const SYN: Record<string, string> = {
  venezuelan: "Venezuelan",
  deported: "removed",
  prison: "jail",
  allegedly: "reportedly",
  mistook: "confused",
  tattoo: "tattoo",
  symbol: "sign",
  friends: "pals",
  family: "relatives",
  told: "informed",
  proof: "evidence",
  kitchen: "cookhouse",
  market: "shop",
  work: "employment",
  border: "frontier",
  arrested: "detained",
  agents: "officers",
  complex: "building",
  learned: "discovered",
  charged: "accused",
  illegally: "unlawfully",
  loved: "dear",
  ones: "folks",
  evidence: "proof",
  ties: "links",
  ribbon: "band",
  pieces: "parts",
  younger: "little",
  brother: "sibling",
  small: "little",
  found: "got",
  crossing: "entering",
  visited: "saw",
  day: "morning",
  authorities: "officials",
  made: "formed",
  name: "title",
  awareness: "consciousness",
};

/** Word-by-word spinning: content words swapped for synonyms, function words kept. */
function spin(text: string): string {
  return text.replace(/\p{L}+/gu, (w) => {
    const s = SYN[w.toLowerCase()];
    if (!s) return w;
    return w[0] === w[0]!.toUpperCase() ? s[0]!.toUpperCase() + s.slice(1) : s;
  });
}

test("groups a scraper copy with boilerplate, a truncated repost and a spun rewrite; keeps another article apart", () => {
  const docs = [
    { id: "original", text: ORIGINAL },
    {
      id: "scraper",
      text: `Join our forum for FREE\nSign in to reply\n\n${ORIGINAL}\n\nShare this post\nRelated posts`,
    },
    { id: "truncated", text: ORIGINAL.slice(0, 700) },
    { id: "spun", text: spin(ORIGINAL) },
    { id: "other", text: OTHER_SAME_EVENT },
  ];
  assert.deepEqual(findNearDuplicates(docs), [["original", "scraper", "truncated", "spun"]]);
});

test("quotations shared by two different articles do not make them copies", () => {
  const quote = `“The order properly requires the Government to facilitate his release from custody in El Salvador and to ensure that his case is handled as it would have been had he not been improperly sent,” the court wrote.`;
  const a = `${quote}\nThe ruling came after weeks of litigation in Maryland, where the family filed suit against the administration and asked for an emergency hearing before the district court.`;
  const b = `${quote}\nCritics in Congress said the decision left open how officials would act, and several senators demanded a briefing from the State Department on diplomatic contacts with San Salvador.`;
  assert.deepEqual(
    findNearDuplicates([
      { id: "a", text: a },
      { id: "b", text: b },
    ]),
    [],
  );
});

test("among 10,000 articles, every lightly edited copy is found and nothing else", () => {
  let seed = 7;
  const rnd = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const vocab = Array.from({ length: 20000 }, (_, i) => `w${i.toString(36)}`);
  const stop = ["the", "of", "and", "to", "in", "was", "for", "that"];
  const docs = Array.from({ length: 10000 }, (_, i) => {
    const words: string[] = [];
    for (let k = 0; k < 300; k++)
      words.push(
        rnd() < 0.3 ? stop[Math.floor(rnd() * stop.length)]! : vocab[Math.floor(rnd() * vocab.length)]!,
      );
    return { id: String(i), text: words.join(" ") };
  });
  // Every hundredth article has a lightly edited copy.
  for (let i = 0; i < 100; i++)
    docs.push({ id: `copy${i}`, text: `${docs[i * 100]!.text.slice(0, 1500)} extra closing words here` });
  // Its speed (10,000 articles) is measured by `npm run bench`, not asserted here.
  const groups = findNearDuplicates(docs);
  assert.equal(groups.length, 100);
  assert.ok(groups.every((g) => g.length === 2 && g[1]!.startsWith("copy")));
});

function indexGroups(): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const line of readFileSync(join(CORPUS, "dev", "INDEX.csv"), "utf8")
    .split(/\r?\n/)
    .slice(1)) {
    const file = line.split(",")[0]!;
    const group = line.split(",").at(-1)!.trim();
    if (group) groups.set(group, [...(groups.get(group) ?? []), file]);
  }
  return groups;
}

test("real corpus: NEARDUP groups of INDEX.csv found, SAME_EVENT articles kept apart", { skip }, () => {
  const docs = [
    ...readdirSync(join(CORPUS, "dev"))
      .filter((f) => f.endsWith(".txt"))
      .map((f) => ({ id: f, text: readFileSync(join(CORPUS, "dev", f), "utf8") })),
    ...readdirSync(join(CORPUS, "seeds")).map((f) => ({
      id: f,
      text: readFileSync(join(CORPUS, "seeds", f), "utf8"),
    })),
  ];
  const found = findNearDuplicates(docs).map((g) => [...g].sort());
  const gold = indexGroups();
  for (const [name, files] of gold) {
    if (name.startsWith("NEARDUP"))
      assert.ok(
        found.some((g) => JSON.stringify(g) === JSON.stringify([...files].sort())),
        name,
      );
    if (name.startsWith("SAME_EVENT"))
      assert.ok(!found.some((g) => files.filter((f) => g.includes(f)).length > 1), name);
  }
});
