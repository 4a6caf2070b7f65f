// How each figure is counted: one sentence per language, with an id and a version. A frozen
// report keeps the ids and versions it was counted with (and the sentences), so a later change of
// a definition is a new version here, never a silent change of an old report.
import type { Language } from "~/i18n/languages.ts";
import type { DefinitionId, DefinitionTexts } from "./definition-ids.ts";

export { funnelDefinition, type DefinitionId } from "./definition-ids.ts";

export interface Definition {
  id: DefinitionId;
  version: number;
  text: Record<Language, string>;
}

export const definitions = [
  {
    id: "caseload",
    version: 1,
    text: {
      en: "Mentees who joined a caseload by the end of the period and whose lead mentor was in the chosen programme for at least part of it. Each person counts once.",
      hr: "Korisnici koji su ušli u mentorsku skupinu do kraja razdoblja i čiji je glavni mentor barem dio razdoblja bio u odabranom programu. Svaka osoba broji se jednom.",
      sl: "Udeleženci, ki so se do konca obdobja pridružili skupini mentorja in katerih glavni mentor je bil vsaj del obdobja v izbranem programu. Vsaka oseba šteje enkrat.",
      da: "Deltagere, der kom ind i en mentors gruppe senest ved periodens slutning, og hvis ansvarlige mentor var i det valgte program i mindst en del af perioden. Hver person tælles én gang.",
    },
  },
  {
    id: "proposed",
    version: 1,
    text: {
      en: "Mentees who were proposed at least one placement during the period. Each person counts once.",
      hr: "Korisnici kojima je tijekom razdoblja predloženo barem jedno radno mjesto. Svaka osoba broji se jednom.",
      sl: "Udeleženci, ki jim je bilo v obdobju predlagano vsaj eno delovno mesto. Vsaka oseba šteje enkrat.",
      da: "Deltagere, der fik foreslået mindst én plads i perioden. Hver person tælles én gang.",
    },
  },
  {
    id: "introduced",
    version: 1,
    text: {
      en: "Mentees introduced to at least one employer during the period, after their consent. Each person counts once.",
      hr: "Korisnici koji su tijekom razdoblja, uz svoj pristanak, predstavljeni barem jednom poslodavcu. Svaka osoba broji se jednom.",
      sl: "Udeleženci, ki so bili v obdobju s svojim soglasjem predstavljeni vsaj enemu delodajalcu. Vsaka oseba šteje enkrat.",
      da: "Deltagere, der med deres samtykke blev præsenteret for mindst én arbejdsgiver i perioden. Hver person tælles én gang.",
    },
  },
  {
    id: "started",
    version: 1,
    text: {
      en: "Mentees with at least one placement whose first day fell in the period. Someone placed twice counts once.",
      hr: "Korisnici s barem jednim radnim mjestom čiji je prvi dan bio u razdoblju. Osoba zaposlena dvaput broji se jednom.",
      sl: "Udeleženci z vsaj enim delovnim mestom, katerega prvi dan je bil v obdobju. Oseba, ki je bila zaposlena dvakrat, šteje enkrat.",
      da: "Deltagere med mindst én plads, hvis første dag lå i perioden. En person, der er startet to gange, tælles én gang.",
    },
  },
  {
    id: "completed_or_hired",
    version: 1,
    text: {
      en: "Mentees with a placement that ended in the period because it was completed or because the employer hired them.",
      hr: "Korisnici čije je radno mjesto završilo u razdoblju jer je uspješno završeno ili ih je poslodavac zaposlio.",
      sl: "Udeleženci, katerih delovno mesto se je v obdobju končalo, ker je bilo uspešno zaključeno ali ker jih je delodajalec zaposlil.",
      da: "Deltagere, hvis plads sluttede i perioden, fordi den blev gennemført, eller fordi arbejdsgiveren ansatte dem.",
    },
  },
  {
    id: "in_work",
    version: 1,
    text: {
      en: "Mentees who started in the period and answered yes to “still in work?” at the first monthly check-in at or after 1, 3 or 6 months. Counted only once that many months have passed since the start. A placement that ended early, or for education, before that point counts as not in work.",
      hr: "Korisnici koji su počeli raditi u razdoblju i na prvoj mjesečnoj provjeri nakon 1, 3 ili 6 mjeseci odgovorili da još rade. Broje se tek kad je od početka prošlo toliko mjeseci. Radno mjesto koje je prije toga završilo prerano ili odlaskom na obrazovanje broji se kao da osoba ne radi.",
      sl: "Udeleženci, ki so začeli delati v obdobju in so na prvem mesečnem preverjanju po 1, 3 ali 6 mesecih odgovorili, da še delajo. Štejejo šele, ko od začetka mine toliko mesecev. Delovno mesto, ki se je pred tem končalo predčasno ali z odhodom v izobraževanje, šteje, kot da oseba ne dela.",
      da: "Deltagere, der startede i perioden og svarede ja til »stadig i arbejde?« ved den første månedlige opfølgning efter 1, 3 eller 6 måneder. Tælles først, når der er gået så mange måneder siden starten. En plads, der sluttede før tid eller med overgang til uddannelse inden da, tælles som ikke i arbejde.",
    },
  },
  {
    id: "retention_cohorts",
    version: 1,
    text: {
      en: "Placements grouped by the month they started. For 1, 3 and 6 months: how many have reached that point, and of those how many were still in work, not in work (a placement that ended early or for education before then counts so), or have no answer recorded.",
      hr: "Radna mjesta grupirana po mjesecu početka. Za 1, 3 i 6 mjeseci: koliko ih je doseglo tu točku i koliko je od njih još radilo, nije radilo (tako se broji i radno mjesto koje je prije toga završilo prerano ili odlaskom na obrazovanje) ili nema zabilježen odgovor.",
      sl: "Delovna mesta, združena po mesecu začetka. Za 1, 3 in 6 mesecev: koliko jih je doseglo to točko in koliko od njih je še delalo, ni delalo (tako šteje tudi delovno mesto, ki se je pred tem končalo predčasno ali z odhodom v izobraževanje) ali nima zabeleženega odgovora.",
      da: "Pladser grupperet efter den måned, de startede. For 1, 3 og 6 måneder: hvor mange der er nået dertil, og hvor mange af dem der stadig var i arbejde, ikke var i arbejde (det gælder også en plads, der sluttede før tid eller med overgang til uddannelse inden da) eller ikke har et registreret svar.",
    },
  },
  {
    id: "readiness_steps",
    version: 1,
    text: {
      en: "Changes of readiness recorded in the period, by step (forward or back), and the median number of days the person had been at the earlier level.",
      hr: "Promjene spremnosti zabilježene u razdoblju, po koraku (naprijed ili natrag), i medijan broja dana koje je osoba provela na prethodnoj razini.",
      sl: "Spremembe pripravljenosti, zabeležene v obdobju, po koraku (naprej ali nazaj), in mediana števila dni, ki jih je oseba preživela na prejšnji ravni.",
      da: "Ændringer i parathed registreret i perioden, efter trin (frem eller tilbage), og medianen af de dage, personen havde været på det tidligere niveau.",
    },
  },
  {
    id: "endings",
    version: 1,
    text: {
      en: "Placements that ended in the period, by how they ended; placements that ended early, by the reason the mentor recorded.",
      hr: "Radna mjesta koja su završila u razdoblju, po načinu završetka; ona koja su završila prerano, po razlogu koji je mentor zabilježio.",
      sl: "Delovna mesta, ki so se končala v obdobju, po načinu konca; tista, ki so se končala predčasno, po razlogu, ki ga je zabeležil mentor.",
      da: "Pladser, der sluttede i perioden, efter hvordan de sluttede; pladser, der sluttede før tid, efter den grund mentoren registrerede.",
    },
  },
  {
    id: "introduction_answers",
    version: 1,
    text: {
      en: "Introductions sent in the period, by the employer's first answer, and the median number of days from the introduction to that answer.",
      hr: "Predstavljanja poslana u razdoblju, po prvom odgovoru poslodavca, i medijan broja dana od predstavljanja do tog odgovora.",
      sl: "Predstavitve, poslane v obdobju, po prvem odgovoru delodajalca, in mediana števila dni od predstavitve do tega odgovora.",
      da: "Præsentationer sendt i perioden, efter arbejdsgiverens første svar, og medianen af dage fra præsentationen til svaret.",
    },
  },
  {
    id: "checkins_on_time",
    version: 1,
    text: {
      en: "Check-ins due in the period up to today and not cancelled: recorded within 7 days after the due day (on time), recorded later (late), or not recorded yet.",
      hr: "Praćenja s rokom u razdoblju do danas koja nisu otkazana: zabilježena u roku od 7 dana nakon roka (na vrijeme), kasnije (kasno) ili još nisu zabilježena.",
      sl: "Spremljanja z rokom v obdobju do danes, ki niso bila preklicana: zabeležena v 7 dneh po roku (pravočasno), pozneje (pozno) ali še niso zabeležena.",
      da: "Opfølgninger med frist i perioden frem til i dag, som ikke er aflyst: registreret inden for 7 dage efter fristen (til tiden), senere (for sent) eller endnu ikke registreret.",
    },
  },
  {
    id: "small_numbers",
    version: 1,
    text: {
      en: "A figure that fewer than 5 people stand behind is shown as “fewer than 5”, and so is a share or a median counted from fewer than 5 people, so that nobody can be recognised.",
      hr: "Podatak iza kojeg stoji manje od 5 osoba prikazuje se kao „manje od 5“, kao i udio ili medijan izračunan iz manje od 5 osoba, kako nitko ne bi mogao biti prepoznat.",
      sl: "Podatek, za katerim stoji manj kot 5 oseb, je prikazan kot „manj kot 5“, prav tako delež ali mediana, izračunana iz manj kot 5 oseb, da nihče ne bi mogel biti prepoznan.",
      da: "Et tal, som færre end 5 personer står bag, vises som »færre end 5«, og det samme gælder en andel eller en median beregnet ud fra færre end 5 personer, så ingen kan genkendes.",
    },
  },
] as const satisfies readonly Definition[];

export function definitionOf(id: DefinitionId): Definition {
  return definitions.find((d) => d.id === id)!;
}

/** Every definition in one language: what a page that shows figures gets from its loader. */
export function definitionsIn(language: Language): DefinitionTexts {
  return Object.fromEntries(definitions.map((d) => [d.id, { version: d.version, text: d.text[language] }]));
}
