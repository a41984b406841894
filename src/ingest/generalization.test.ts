import assert from "node:assert/strict";
import { test } from "node:test";
import { foldName } from "../domain/names.ts";
import { extractArticle } from "./extract.ts";
import { nameLists } from "./name-lists.ts";

// Invented articles, one category of unseen-text errors each; nothing here comes from the dev corpus.
const noLists = !nameLists() && "../shared/data/names not present";

const names = (text: string) => extractArticle(text).people.map((p) => p.name);
const has = (list: string[], name: string) => list.some((n) => foldName(n) === foldName(name));

test("people: names in bullets, manifest rows and comma-inverted rows", { skip: noLists }, () => {
  const text = `Families publish the names of the men on the flight

The list shared by relatives reads:

- Yorbelis Quintana Márquez
- Deivis Alejandro Parra
- Wuilmer Enrique Sosa Leal

No.  | Name                      | Nationality
1    | Keiber Rangel Ochoa        | Venezuela
2    | Franyelis Mora             | Venezuela
3    | TORRES LINARES, Jhonatan   | Venezuela

Officials did not answer questions about the list.`;
  const got = names(text);
  for (const n of [
    "Yorbelis Quintana Márquez",
    "Deivis Alejandro Parra",
    "Wuilmer Enrique Sosa Leal",
    "Keiber Rangel Ochoa",
    "Franyelis Mora",
    "Jhonatan TORRES LINARES",
  ])
    assert.ok(has(got, n), `${n} in ${JSON.stringify(got)}`);
  assert.ok(!got.some((n) => /Nationality|Venezuela|Officials/.test(n)), JSON.stringify(got));
});

test("people: titles with a surname, initials, a job title after an organization's possessive", () => {
  const text = `The hearing went on for hours. Mr Okafor, who represents the families, asked for more time.
El presidente Ortega no respondió. The Institute’s director Melina Castañeda said the court must act soon.
Her colleague J. R. Martínez said the records were incomplete and that the agency had no answers.`;
  const got = names(text);
  assert.ok(has(got, "Okafor"), JSON.stringify(got));
  assert.ok(has(got, "Ortega"), JSON.stringify(got));
  assert.ok(has(got, "Melina Castañeda"), JSON.stringify(got));
  assert.ok(!got.some((n) => /Institute/.test(n)), JSON.stringify(got));
});

test("false people: law firms, institutions and places are not people", () => {
  const text = `La portavoz de la Casa Blanca habló el lunes. The firm Whitfield & Carrow LLP filed the petition.
Los abogados de la Fiscalía General de la República dijeron que revisarán el caso.
Llegaron a Ciudad Juárez y luego a San Pedro Sula, donde los esperaba su familia.`;
  const got = names(text);
  assert.ok(
    !got.some((n) => /Casa|Blanca|Whitfield|Carrow|República|Fiscal|Juárez|Pedro/.test(n)),
    JSON.stringify(got),
  );
});

test("numbers: years are never counts, names with digits are not counts", () => {
  const a = extractArticle(`Officials relied on the Enemy Statute of 1812 to move 97 migrants.
The story aired on Channel 9 and on the programme 48 Hours. Title 42 was mentioned.
La ley de 1812 permitió expulsar a 41 personas.`);
  const values = a.numbers.map((n) => n.value);
  assert.ok(!values.includes(1812), JSON.stringify(a.numbers));
  assert.ok(!values.includes(48) && !values.includes(9) && !values.includes(42), JSON.stringify(values));
  assert.ok(values.includes(97));
});

test("numbers: Spanish number words and approximations, one claim per repeated figure", () => {
  const a = extractArticle(`Language: es

Un centenar de migrantes llegaron el lunes. Después llegaron dos centenares de personas más.
Alrededor de cincuenta hombres siguen detenidos. Alrededor de cincuenta hombres siguen detenidos, repitió.`);
  const got = a.numbers.map((n) => `${n.value}:${n.unit}:${n.qualifier}`);
  assert.ok(got.includes("100:people:about"), JSON.stringify(got));
  assert.ok(got.includes("200:people:about"), JSON.stringify(got));
  assert.equal(got.filter((g) => g.startsWith("50:people")).length, 1, JSON.stringify(got));
});

test("speakers: organizations, post-posed Spanish verbs, single quotes", () => {
  const en =
    extractArticle(`“We have documented dozens of cases of men held without charges,” said Amnistía Global.
The Ministry of the Interior said in a statement: “All transfers followed the law of the land.”
Ramona Ellery, a close ally of the governor, said: 'We will not accept a single more transfer like this.'`);
  const by = (start: string) => en.quotes.find((q) => q.text.startsWith(start))?.speaker;
  assert.equal(by("We have documented"), "Amnistía Global");
  assert.match(by("All transfers") ?? "", /Ministry of the Interior/);
  assert.equal(by("We will not accept"), "Ramona Ellery");
  const es = extractArticle(`Language: es

«Nunca nos dijeron adónde lo llevaban ni por qué», cuenta Marisol Quintero Prado.
«Las celdas no tienen ventilación ni agua potable», detalló la organización Voces Libres.`);
  const bys = (start: string) => es.quotes.find((q) => q.text.startsWith(start))?.speaker;
  assert.equal(bys("Nunca nos dijeron"), "Marisol Quintero Prado");
  assert.equal(bys("Las celdas"), "Voces Libres");
});

test("speakers: appositives, role nouns and pronouns by gender", () => {
  const a = extractArticle(`Title

Ramona Ellery, a close ally of Senator Curtis Vale, said: “The transfers were planned for weeks in secret.”
The family hired attorney Lucinda Harrow. “We will file a petition before the end of the week,” the attorney said.
Marisol Quintero Prado met Judge Andrés Vela on Monday. “I will keep fighting for my son every single day,” she said.`);
  const by = (start: string) => a.quotes.find((q) => q.text.startsWith(start))?.speaker;
  assert.equal(by("The transfers were"), "Ramona Ellery");
  assert.equal(by("We will file"), "Lucinda Harrow");
  assert.equal(by("I will keep fighting"), "Marisol Quintero Prado");
});

test("people: victims named by a given name alone or with an initial", () => {
  const got = names(`Title

Yender M., 27, said the guards beat him. Luisa (not her real name) waited outside the gate.
Wilmer, who asked that his surname not be used, spoke to reporters.`);
  for (const n of ["Yender M.", "Luisa", "Wilmer"]) assert.ok(has(got, n), `${n} in ${JSON.stringify(got)}`);
});

test("numbers: counts with loaded nouns in quotation marks", () => {
  const a = extractArticle(`Title

Officials sent 261 “terrorists” and 40 alleged gang members away; 12 farmworkers were held.`);
  const values = a.numbers.filter((n) => n.unit === "people").map((n) => n.value);
  assert.deepEqual(
    values.sort((x, y) => x - y),
    [12, 40, 261],
  );
});

test("people: a Spanish title with its adjective gives the role; facilities are not people", () => {
  const a = extractArticle(`Title

La jueza federal Amapola Reyes Tinoco ordenó liberar a los detenidos. Officials moved them to Brandt Hall and later to Camp Ortiga.`);
  const amapola = a.people.find((p) => p.name === "Amapola Reyes Tinoco");
  assert.ok(amapola?.roles.includes("jueza"), JSON.stringify(a.people));
  assert.ok(!a.people.some((p) => /Hall|Camp/.test(p.name)), JSON.stringify(a.people.map((p) => p.name)));
});

test("speakers: an agency's spokesperson or statement speaks for the agency", () => {
  const a = extractArticle(`Title

“The transfers followed every legal requirement we have,” a Border Agency spokesperson said.
«No tenemos información sobre el paradero de estas personas», dijo un portavoz del Ministerio de Seguridad.`);
  const by = (start: string) => a.quotes.find((q) => q.text.startsWith(start))?.speaker;
  assert.equal(by("The transfers followed"), "Border Agency");
  assert.equal(by("No tenemos"), "Ministerio de Seguridad");
});

test("speakers: a pronoun continues the sentence's subject, not a name in object position", () => {
  const a = extractArticle(`Title

Gustavo Ledesma Benítez met his brother Tomás Ledesma at the border. “We did not know if we would ever see each other,” he said.`);
  assert.equal(a.quotes[0]?.speaker, "Gustavo Ledesma Benítez");
});

test("people: after a given name, a listed surname that is also a common word is a surname", {
  skip: noLists,
}, () => {
  assert.ok(has(names("Title\n\nGustavo Lira Benítez crossed the border on foot."), "Gustavo Lira Benítez"));
});
