/** The editor's form for a story about Ana (the demo mentee), filled as a mentor would: anonymised, in Croatian. */
export const anaStoryFields = {
  title: "Povratak u pekaru",
  body: "Nakon dugo vremena ponovno ustajem rano i idem na posao. Isprva je bilo teško, a sada se veselim svakom jutru.",
  language: "hr",
  placementKind: "work_trial",
  sector: "food_production",
  country: "HR",
  town: "Varaždin",
  nameChoice: "omitted",
  changedName: "",
  placeChoice: "region",
  quote: "",
};
