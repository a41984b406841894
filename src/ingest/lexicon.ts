// Word knowledge for extraction: compromise's English lexicon plus the Spanish and domain words it lacks.
import { createRequire } from "node:module";
import { foldName } from "../domain/names.ts";
import { nameLists } from "./name-lists.ts";

type Tags = string | string[];
type Nlp = typeof import("compromise").default;
// Loaded on first use, not at import: compromise costs ~40 MB, and the server imports this module for
// pages that never extract anything.
let lexicon: Record<string, Tags> | undefined;
const LEX = () => {
  if (!lexicon) {
    const nlp = createRequire(import.meta.url)("compromise") as Nlp;
    lexicon = (nlp.model() as { one: { lexicon: Record<string, Tags> } }).one.lexicon;
  }
  return lexicon;
};

function tagsOf(word: string): string[] {
  const t = LEX()[word];
  if (!t) return [];
  return Array.isArray(t) ? t : [t];
}

// Common given names of Spanish-speaking countries that compromise's English lexicon may lack.
const ES_GIVEN = new Set(
  (
    "jose juan luis carlos jesus manuel antonio francisco miguel pedro jorge alejandro andres rafael fernando " +
    "ricardo roberto eduardo javier sergio mario oscar raul victor hector angel daniel david pablo diego alberto " +
    "enrique arturo gustavo ramon julio cesar hugo ruben armando alfredo guillermo gerardo ernesto felipe gabriel " +
    "ignacio joaquin leonardo marcos martin nicolas orlando rodrigo santiago tomas vicente wilmer yoel jonathan " +
    "franklin wilson alexander alexis adrian edgar edwin elias emilio esteban fabian fidel gonzalo gregorio " +
    "humberto ivan jaime jairo joel jhon jhonny johan jonas josue julian leandro lorenzo marcelo mauricio " +
    "nelson omar osvaldo pascual patricio ramiro reinaldo renato rigoberto rolando salvador samuel saul " +
    "teodoro ulises valentin wilfredo xavier yeferson yorman yonathan yohan frank henry kevin anderson " +
    "maria ana carmen rosa isabel laura patricia gabriela daniela andrea adriana alejandra carolina claudia " +
    "diana elena fernanda gloria guadalupe juana julia leticia lucia luz margarita marta monica natalia paola " +
    "paula silvia sofia teresa veronica yolanda beatriz dolores mercedes pilar raquel sandra susana valentina " +
    "valeria victoria ximena yesenia angela antonia araceli blanca catalina cecilia " +
    "cristina esperanza estela eugenia graciela ines irene josefina lourdes magdalena marisol " +
    "milagros miriam nancy norma olga rocio rosario ruth sara soledad virginia yamileth yuleisy yusmary "
  )
    .split(" ")
    .filter(Boolean),
);

// Common Hispanic surnames, for "is the last word a surname" evidence on unknown given names.
const ES_SURNAMES = new Set(
  (
    "hernandez garcia martinez lopez gonzalez rodriguez perez sanchez ramirez torres flores rivera gomez diaz " +
    "reyes morales cruz ortiz gutierrez chavez ramos ruiz alvarez mendoza vasquez vazquez castillo jimenez " +
    "moreno romero herrera medina aguilar castro vargas fernandez guzman munoz salazar rojas mora alvarado " +
    "molina marquez suarez navarro dominguez gil blanco delgado " +
    "contreras figueroa rios soto campos vega cabrera carrillo ortega nunez luna pena cardenas sandoval " +
    "espinoza valdez acosta bautista velasquez fuentes cordero miranda maldonado paredes quintero " +
    "camacho rosales benitez guerrero escobar bravo zambrano palacios villalobos montilla carmona duarte " +
    "aguirre cisneros ochoa pacheco zamora"
  )
    .split(" ")
    .filter(Boolean),
);

/** Titles and role words that introduce a person's name ("Sen.", "Judge", "presidente", "detainee"). */
const TITLES = new Set(
  (
    "president vice secretary sen senator rep representative congressman congresswoman judge justice justices " +
    "chief attorney general gov governor mayor czar mr mrs ms dr gen col sgt lt officer commissioner director " +
    "minister ambassador sheriff deputy commentator prof professor speaker chairman chairwoman chair spokesman " +
    "spokeswoman spokesperson fellow lobbyist detainee inmate prisoner journalist photojournalist reporter " +
    "lawyer advocate activist pastor father mother sister brother son daughter wife husband friend cousin uncle " +
    "aunt grandmother grandfather leader dictator strongman pope king queen prince princess lord lady saint " +
    "presidente presidenta juez jueza ministro ministra fiscal abogado abogada senor senora don dona " +
    "gobernador gobernadora alcalde alcaldesa diputado diputada senador senadora canciller secretario " +
    "secretaria periodista madre padre hermano hermana hijo hija esposa esposo amigo amiga vocero vocera " +
    "portavoz defensor defensora activista detenido detenida migrante ceo cofounder founder editor " +
    "correspondent researcher analyst coordinator coordinadora coordinador fundador fundadora investigador " +
    "investigadora expresidente mandatario"
  )
    .split(" ")
    .filter(Boolean),
);

/** Words that make a capitalized phrase an organization. */
const ORG_HEADS = new Set(
  (
    "department agency administration court courts commission committee council institute center centre " +
    "foundation organization organisation association university college school office bureau service " +
    "services party corps ministry congress senate house union network news post times tribune journal press " +
    "company inc corp group caucus legal watch international cross coalition project fund bank police force " +
    "navy army guard patrol enforcement customs security protection team club church media magazine " +
    "broadcasting television radio airlines airways reuters associated cnn cbs nbc abc bbc msnbc politico " +
    "ministerio departamento corte tribunal comision consejo instituto universidad partido agencia oficina " +
    "fundacion asociacion gobierno policia fiscalia asamblea congreso senado camara servicio direccion " +
    "secretaria alianza cazadores observatorio sindicato banco empresa diario noticias casa llp llc pllc " +
    "firm clinic hospital coalicion red colectivo comite"
  )
    .split(" ")
    .filter(Boolean),
);

/** Words that make a capitalized phrase something other than a person (laws, days, things). */
const NON_PERSON = new Set(
  (
    "act acts amendment day street avenue road river lake bay island islands mountain mountains county " +
    "state states city republic kingdom prison jail penitentiary bible god christ christmas easter " +
    "epiphany monday tuesday wednesday thursday friday saturday sunday january february march april may june " +
    "july august september october november december the a an this that these those it its in on at of for " +
    "and but or if when while as by with from to into after before during under over about however " +
    "meanwhile still yet then also although though because since until unless whether why how what who " +
    "where which there here some many most more each every all both few several no not one two three four " +
    "five six seven eight nine ten dream market markets treats festival parade program programme minutes " +
    "tren cartel aragua enemies alien aliens supreme federal constitution government regime order rule " +
    "law laws report reports video photo photograph image images getty stringer pool watch read more " +
    "share email subscribe newsletter breaking update latest new big notice section sec proclamation " +
    "lunes martes miercoles jueves viernes sabado domingo enero febrero marzo abril mayo junio julio agosto " +
    "septiembre octubre noviembre diciembre el la los las un una unos unas en de del por para con sin sobre " +
    "segun tras ante entre hasta desde pero sino aunque cuando mientras como este esta estos estas ese esa " +
    "ley dia navidad estado estados unidos unido republica nacion federacion " +
    "hall camp facility correctional detention processing annex station fort penal reclusorio centro carcel " +
    "llp llc pllc ciudad puerto municipio provincia region colonia avenida calle parque rio lago isla cerro san"
  )
    .split(" ")
    .filter(Boolean),
);

/** Named things of this domain that look like names but are not people. */
export const KNOWN_NON_PEOPLE = [
  "Tren de Aragua",
  "MS-13",
  "Cártel de los Soles",
  "Barrio 18",
  "Air Force One",
];

const FUNCTION_TAGS = new Set([
  "Determiner",
  "Preposition",
  "Conjunction",
  "Pronoun",
  "QuestionWord",
  "Adverb",
  "Copula",
  "Modal",
  "Negative",
  "Possessive",
]);

function key(word: string): string {
  return foldName(word).replace(/ /g, "");
}

/** Given names of the built-in lists and compromise only: identity resolution's narrower notion. */
export function isCoreGivenName(word: string): boolean {
  const k = key(word);
  return (
    ES_GIVEN.has(k) || tagsOf(k).some((t) => t === "MaleName" || t === "FemaleName" || t === "FirstName")
  );
}

/** Surnames of the built-in list and compromise only: a typo is often a rare real surname in the big lists. */
export function isCoreSurname(word: string): boolean {
  const k = key(word);
  return ES_SURNAMES.has(k) || tagsOf(k).includes("LastName");
}

export function isGivenName(word: string): boolean {
  const k = key(word);
  if (ES_GIVEN.has(k)) return true;
  if (tagsOf(k).some((t) => t === "MaleName" || t === "FemaleName" || t === "FirstName")) return true;
  return listedGiven(k) !== undefined;
}

/** A given name of the frequency lists that is not also a common word ("Rosa" yes, "Will" no). */
function listedGiven(k: string): "m" | "f" | "u" | undefined {
  const sex = nameLists()?.given.get(k);
  if (!sex || ES_SURNAMES.has(k)) return undefined;
  const tags = tagsOf(k);
  if (tags.length && !tags.some((t) => /Name|Person/.test(t))) return undefined;
  return sex;
}

/** "he" for names the lexicon knows as male, "she" for female, undefined when unknown. */
export function genderOf(word: string): "m" | "f" | undefined {
  const k = key(word);
  const tags = tagsOf(k);
  if (tags.includes("MaleName")) return "m";
  if (tags.includes("FemaleName")) return "f";
  if (/a$/.test(k) && ES_GIVEN.has(k)) return "f";
  if (ES_GIVEN.has(k)) return "m";
  const listed = listedGiven(k);
  return listed === "u" ? undefined : listed;
}

export function isSurname(word: string): boolean {
  const k = key(word);
  if (ES_SURNAMES.has(k) || tagsOf(k).includes("LastName")) return true;
  // A listed surname that the English lexicon knows as an ordinary word ("White", "Young") is not evidence.
  if (!nameLists()?.surnames.has(k)) return false;
  const tags = tagsOf(k);
  return !tags.length || tags.some((t) => /Name|Person/.test(t));
}

/** In the surname frequency lists at all, even when also a common word ("Lira", "Rosales", "Vega"). */
export function isListedSurname(word: string): boolean {
  return nameLists()?.surnames.has(key(word)) ?? false;
}

export function isTitleWord(word: string): boolean {
  return TITLES.has(key(word));
}

export function isOrgHead(word: string): boolean {
  return ORG_HEADS.has(key(word));
}

// Spanish names of institutions lead with their kind and often end with a person's name
// ("Universidad Centroamericana José Simeón Cañas"): that person is not in the story.
const LEADING_ORG_HEADS = new Set(
  "universidad fundacion instituto colegio escuela hospital centro asociacion museo biblioteca aeropuerto estadio liceo"
    .split(" ")
    .filter(Boolean),
);

export function isLeadingOrgHead(word: string): boolean {
  return LEADING_ORG_HEADS.has(key(word));
}

export function isNonPersonWord(word: string): boolean {
  return NON_PERSON.has(key(word));
}

/** A word the lexicon knows only as something other than a name (a verb, a common noun, a function word). */
export function isCommonWord(word: string): boolean {
  const k = key(word);
  if (ES_GIVEN.has(k) || ES_SURNAMES.has(k)) return false;
  const tags = tagsOf(k);
  if (!tags.length) return false;
  return !tags.some(
    (t) => t === "MaleName" || t === "FemaleName" || t === "FirstName" || t === "LastName" || t === "Person",
  );
}

export function isFunctionWord(word: string): boolean {
  const k = key(word);
  if (NON_PERSON.has(k) && k.length <= 8 && !/^(act|day|bay|god)$/.test(k)) return true;
  return tagsOf(k).some((t) => FUNCTION_TAGS.has(t));
}

const PLACE_TAGS = new Set(["Place", "City", "Country", "Region"]);

/** A place compromise's lexicon knows ("El Salvador", "Caracas", "Texas"), or a Spanish-language one we add. */
export function isKnownPlace(phrase: string): boolean {
  const k = foldName(phrase);
  if (ES_PLACES.has(k)) return true;
  return tagsOf(k).some((t) => PLACE_TAGS.has(t));
}

export function isDemonym(word: string): boolean {
  const k = key(word);
  return (
    tagsOf(k).includes("Demonym") ||
    (/(ans?|eses?|enos?|enas?|nos|nas|ian|ians|ish|ese)$/.test(k) && DEMONYM_STEMS.test(k))
  );
}

const DEMONYM_STEMS =
  /^(venezolan|salvadore|salvadoran|american|mexican|guatemal|hondure|colombian|cuban|haitian|estadounidense|latin|hispan|nicaraguense|dominican|ecuatorian|peruan|chilen|argentin|espan)/;

const ES_PLACES = new Set(
  (
    "estados unidos|el salvador|venezuela|caracas|mexico|guatemala|honduras|colombia|ecuador|peru|cuba|haiti|" +
    "texas|florida|california|arizona|nueva york|washington|san salvador|bogota|miami|houston|dallas|" +
    "los angeles|san diego|chicago|centroamerica|america latina|latinoamerica|america|europa|espana|guantanamo"
  ).split("|"),
);
