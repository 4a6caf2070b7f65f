// A small labelled set for measuring the matching: placements across the three countries, and
// mentees each with the placements a practitioner would propose to them (judged by hand from
// the whole plan: interests, readiness, hours, travel, languages and the support they need).
// Placements not listed for a mentee are ones a practitioner would not propose.

type P = {
  key: string;
  title: string;
  description: string;
  language: "hr" | "sl" | "da" | "en";
  kind: "job" | "work_trial" | "practicum" | "social_enterprise" | "training" | "volunteering";
  sector: string;
  town: string;
  country: "HR" | "SI" | "DK";
  hours: [number, number];
  readiness: "job_ready" | "activity_ready";
  support: string[];
  languages: string[];
  skills: string[];
};

export const evalPlacements: P[] = [
  { key: "vz-kitchen-trial", title: "Pomoćni radnik u kuhinji", description: "Kuhanje jednostavnih jela, priprema povrća i pranje posuđa u kuhinji gradske menze.", language: "hr", kind: "work_trial", sector: "hospitality", town: "Varaždin", country: "HR", hours: [10, 20], readiness: "activity_ready", support: ["gradual_start", "onsite_buddy"], languages: ["hr"], skills: ["kuhanje", "pranje posuđa"] },
  { key: "vz-bakery-job", title: "Pekar (puno radno vrijeme)", description: "Pečenje kruha i peciva u noćnoj smjeni. Iskustvo u pečenju je potrebno.", language: "hr", kind: "job", sector: "food_production", town: "Varaždin", country: "HR", hours: [35, 40], readiness: "job_ready", support: [], languages: ["hr"], skills: ["pečenje", "kuhanje"] },
  { key: "ck-bakery-practicum", title: "Praksa u pekari", description: "Pečenje kruha, oblikovanje tijesta i pakiranje peciva u maloj obiteljskoj pekari.", language: "hr", kind: "practicum", sector: "food_production", town: "Čakovec", country: "HR", hours: [8, 20], readiness: "activity_ready", support: ["onsite_buddy", "appointment_tolerance"], languages: ["hr"], skills: ["pečenje"] },
  { key: "vz-garden-volunteer", title: "Volontiranje u gradskom vrtu", description: "Vrtlarstvo: sadnja, zalijevanje i briga o biljkama u zajedničkom vrtu.", language: "hr", kind: "volunteering", sector: "agriculture_gardening", town: "Varaždin", country: "HR", hours: [2, 8], readiness: "activity_ready", support: ["onsite_buddy", "flexible_hours"], languages: ["hr"], skills: ["vrtlarstvo", "biljke"] },
  { key: "ck-recycling-se", title: "Sortiranje odjeće u socijalnoj zadruzi", description: "Sortiranje rabljene odjeće, popravak i šivanje te priprema za prodaju.", language: "hr", kind: "social_enterprise", sector: "recycling", town: "Čakovec", country: "HR", hours: [10, 25], readiness: "activity_ready", support: ["gradual_start", "onsite_buddy", "appointment_tolerance"], languages: ["hr"], skills: ["sortiranje", "šivanje", "odjeća"] },
  { key: "zg-kitchen-job", title: "Kuhar u restoranu", description: "Kuhanje i pečenje za restoran s velikim brojem gostiju. Rad vikendom.", language: "hr", kind: "job", sector: "hospitality", town: "Zagreb", country: "HR", hours: [30, 40], readiness: "job_ready", support: [], languages: ["hr"], skills: ["kuhanje", "pečenje"] },
  { key: "zg-warehouse-job", title: "Skladišni radnik", description: "Rad u skladištu: utovar, istovar, vožnja viličara i slaganje robe.", language: "hr", kind: "job", sector: "warehouse_logistics", town: "Zagreb", country: "HR", hours: [30, 40], readiness: "job_ready", support: ["wage_subsidy"], languages: ["hr"], skills: ["skladište", "viličar"] },
  { key: "zg-warehouse-trial", title: "Probni rad u skladištu", description: "Pakiranje pošiljki i slaganje robe u skladištu, uz kolegu koji pokazuje posao.", language: "hr", kind: "work_trial", sector: "warehouse_logistics", town: "Zagreb", country: "HR", hours: [15, 25], readiness: "activity_ready", support: ["onsite_buddy", "gradual_start"], languages: ["hr"], skills: ["skladište", "pakiranje"] },
  { key: "vz-warehouse-job", title: "Radnik u skladištu", description: "Skladište građevinskog materijala, rad s viličarom.", language: "hr", kind: "job", sector: "warehouse_logistics", town: "Varaždin", country: "HR", hours: [25, 40], readiness: "job_ready", support: ["onsite_buddy"], languages: ["hr"], skills: ["skladište", "viličar"] },
  { key: "vz-cleaning-trial", title: "Čišćenje ureda", description: "Čišćenje ureda i hodnika u poslijepodnevnim satima.", language: "hr", kind: "work_trial", sector: "cleaning_facilities", town: "Varaždin", country: "HR", hours: [10, 20], readiness: "activity_ready", support: ["flexible_hours"], languages: ["hr"], skills: ["čišćenje"] },
  { key: "st-kitchen-trial", title: "Pomoć u kuhinji hotela", description: "Kuhinja hotela: kuhanje, priprema doručka i pranje posuđa.", language: "hr", kind: "work_trial", sector: "hospitality", town: "Split", country: "HR", hours: [10, 25], readiness: "activity_ready", support: ["gradual_start"], languages: ["hr"], skills: ["kuhanje", "kuhinja", "hotel"] },
  { key: "vz-care-volunteer", title: "Društvo starijim osobama", description: "Briga i društvo starijim osobama: razgovor, šetnje, pomoć pri obroku.", language: "hr", kind: "volunteering", sector: "care", town: "Varaždin", country: "HR", hours: [4, 10], readiness: "activity_ready", support: ["onsite_buddy", "appointment_tolerance"], languages: ["hr"], skills: ["briga", "starije osobe"] },
  { key: "zg-training-it", title: "Tečaj osnova rada na računalu", description: "Računalo, e-pošta i pisanje životopisa u malim grupama.", language: "hr", kind: "training", sector: "office_admin", town: "Zagreb", country: "HR", hours: [6, 12], readiness: "activity_ready", support: ["transport_help"], languages: ["hr"], skills: ["računalo"] },
  { key: "vz-training-cooking", title: "Tečaj kuhanja i higijene hrane", description: "Kuhanje, pečenje i higijena hrane za rad u kuhinji.", language: "hr", kind: "training", sector: "hospitality", town: "Varaždin", country: "HR", hours: [6, 10], readiness: "activity_ready", support: ["flexible_hours", "appointment_tolerance"], languages: ["hr"], skills: ["kuhanje", "pečenje"] },
  { key: "vz-shop-job", title: "Prodavač u trgovini", description: "Prodaja i rad s kupcima u trgovini mješovite robe, trgovina je otvorena do 21 sat.", language: "hr", kind: "job", sector: "retail", town: "Varaždin", country: "HR", hours: [30, 40], readiness: "job_ready", support: [], languages: ["hr"], skills: ["prodaja", "trgovina"] },
  { key: "ck-shop-trial", title: "Probni rad u trgovini", description: "Slaganje robe i prodaja u maloj trgovini.", language: "hr", kind: "work_trial", sector: "retail", town: "Čakovec", country: "HR", hours: [10, 20], readiness: "activity_ready", support: ["gradual_start", "onsite_buddy"], languages: ["hr"], skills: ["trgovina", "prodaja"] },
  { key: "mb-kitchen-trial", title: "Pomočnik v kuhinji", description: "Kuhanje in priprava zelenjave v kuhinji dijaškega doma.", language: "sl", kind: "work_trial", sector: "hospitality", town: "Maribor", country: "SI", hours: [10, 20], readiness: "activity_ready", support: ["gradual_start", "language_support"], languages: ["sl"], skills: ["kuhanje"] },
  { key: "mb-warehouse-job", title: "Skladiščni delavec", description: "Delo v skladišču, viličar in komisioniranje.", language: "sl", kind: "job", sector: "warehouse_logistics", town: "Maribor", country: "SI", hours: [35, 40], readiness: "job_ready", support: [], languages: ["sl"], skills: ["skladišče", "viličar"] },
  { key: "lj-warehouse-trial", title: "Delo v skladišču", description: "Skladišče trgovske verige, pakiranje in zlaganje.", language: "sl", kind: "work_trial", sector: "warehouse_logistics", town: "Ljubljana", country: "SI", hours: [15, 25], readiness: "activity_ready", support: ["onsite_buddy"], languages: ["sl"], skills: ["skladišče"] },
  { key: "mb-garden-se", title: "Vrtnarjenje v socialnem podjetju", description: "Vrtnarjenje, skrb za rastline in sadike v rastlinjaku.", language: "sl", kind: "social_enterprise", sector: "agriculture_gardening", town: "Maribor", country: "SI", hours: [8, 20], readiness: "activity_ready", support: ["onsite_buddy", "gradual_start", "accessible_workplace"], languages: ["sl"], skills: ["vrtnarjenje", "rastline"] },
  { key: "mb-cleaning-job", title: "Čistilka v bolnišnici", description: "Čiščenje bolniških sob in hodnikov.", language: "sl", kind: "job", sector: "cleaning_facilities", town: "Maribor", country: "SI", hours: [30, 40], readiness: "job_ready", support: ["appointment_tolerance"], languages: ["sl"], skills: ["čiščenje"] },
  { key: "mb-reuse-volunteer", title: "Prostovoljstvo v centru ponovne uporabe", description: "Popravila pohištva in koles, ponovna uporaba predmetov.", language: "sl", kind: "volunteering", sector: "recycling", town: "Maribor", country: "SI", hours: [4, 10], readiness: "activity_ready", support: ["flexible_hours", "onsite_buddy"], languages: ["sl"], skills: ["popravila", "ponovna uporaba"] },
  { key: "mb-care-practicum", title: "Praksa v domu za starejše", description: "Skrb za starejše, pomoč pri obrokih in sprehodih.", language: "sl", kind: "practicum", sector: "care", town: "Maribor", country: "SI", hours: [10, 20], readiness: "activity_ready", support: ["onsite_buddy", "appointment_tolerance"], languages: ["sl"], skills: ["skrb"] },
  { key: "lj-kitchen-job", title: "Kuhar", description: "Kuhanje v restavraciji v centru mesta.", language: "sl", kind: "job", sector: "hospitality", town: "Ljubljana", country: "SI", hours: [40, 40], readiness: "job_ready", support: [], languages: ["sl"], skills: ["kuhanje"] },
  { key: "aa-kitchen-trial", title: "Køkkenmedhjælper i café", description: "Madlavning, opvask og hjælp i køkkenet i en social café.", language: "da", kind: "work_trial", sector: "hospitality", town: "Aarhus", country: "DK", hours: [10, 20], readiness: "activity_ready", support: ["language_support", "gradual_start", "onsite_buddy"], languages: ["da"], skills: ["madlavning", "køkken"] },
  { key: "aa-kitchen-job", title: "Kok i kantine", description: "Madlavning til 300 personer i en kantine. Fuldtid.", language: "da", kind: "job", sector: "hospitality", town: "Aarhus", country: "DK", hours: [37, 37], readiness: "job_ready", support: [], languages: ["da"], skills: ["madlavning", "køkken"] },
  { key: "aa-warehouse-trial", title: "Lagerhjælper i praktik", description: "Lager: pakning og optælling af varer, med fast kontaktperson.", language: "da", kind: "practicum", sector: "warehouse_logistics", town: "Aarhus", country: "DK", hours: [15, 25], readiness: "activity_ready", support: ["onsite_buddy", "language_support"], languages: ["da", "en"], skills: ["lager", "pakning"] },
  { key: "aa-garden-volunteer", title: "Frivillig i byhaven", description: "Have og planter: lugning, vanding og høst i byhaven.", language: "da", kind: "volunteering", sector: "agriculture_gardening", town: "Aarhus", country: "DK", hours: [3, 8], readiness: "activity_ready", support: ["flexible_hours"], languages: ["da"], skills: ["have", "planter"] },
  { key: "od-kitchen-trial", title: "Køkkenhjælp på plejehjem", description: "Madlavning og opvask i køkkenet på et plejehjem.", language: "da", kind: "work_trial", sector: "hospitality", town: "Odense", country: "DK", hours: [10, 20], readiness: "activity_ready", support: ["language_support"], languages: ["da"], skills: ["madlavning", "køkken"] },
  { key: "aa-cleaning-job", title: "Rengøringsassistent", description: "Rengøring af kontorer og skoler.", language: "da", kind: "job", sector: "cleaning_facilities", town: "Aarhus", country: "DK", hours: [25, 37], readiness: "job_ready", support: ["wage_subsidy"], languages: ["da"], skills: ["rengøring"] },
  { key: "aa-reuse-se", title: "Genbrugsbutik, socialøkonomisk virksomhed", description: "Sortering af tøj og ting, salg i butikken.", language: "da", kind: "social_enterprise", sector: "recycling", town: "Aarhus", country: "DK", hours: [8, 20], readiness: "activity_ready", support: ["gradual_start", "onsite_buddy", "language_support", "appointment_tolerance"], languages: ["da"], skills: ["sortering", "salg"] },
  { key: "aa-bike-training", title: "Cykelværksted – kursus i reparation", description: "Reparation af cykler i et værksted, lær at lappe og justere.", language: "da", kind: "training", sector: "crafts_repair", town: "Aarhus", country: "DK", hours: [6, 12], readiness: "activity_ready", support: ["onsite_buddy", "language_support"], languages: ["da", "en"], skills: ["cykler", "reparation"] },
  { key: "cph-warehouse-job", title: "Lagermedarbejder", description: "Lager og truckkørsel i et stort lager.", language: "da", kind: "job", sector: "warehouse_logistics", town: "København", country: "DK", hours: [37, 37], readiness: "job_ready", support: [], languages: ["da"], skills: ["lager", "truck"] },
  { key: "aa-it-job", title: "IT-supporter", description: "Support af brugere og computere.", language: "da", kind: "job", sector: "it", town: "Aarhus", country: "DK", hours: [37, 37], readiness: "job_ready", support: [], languages: ["da", "en"], skills: ["computer"] },
];

type M = {
  key: string;
  firstName: string;
  readiness: "job_ready" | "activity_ready" | "temporarily_passive";
  interests: string[];
  skills: string[];
  languages: string[];
  town: string;
  country: "HR" | "SI" | "DK";
  travelKm: number;
  hours: [number, number];
  supportNeeded: string[];
  /** What a practitioner would propose, best first. */
  relevant: string[];
};

export const evalMentees: M[] = [
  { key: "ana", firstName: "Ana", readiness: "activity_ready", interests: ["kuhanje", "pečenje"], skills: [], languages: ["hr"], town: "Varaždin", country: "HR", travelKm: 25, hours: [8, 25], supportNeeded: [], relevant: ["vz-kitchen-trial", "ck-bakery-practicum", "vz-training-cooking"] },
  { key: "ivan", firstName: "Ivan", readiness: "job_ready", interests: ["skladište", "viličar"], skills: ["pakiranje"], languages: ["hr"], town: "Zagreb", country: "HR", travelKm: 30, hours: [20, 40], supportNeeded: [], relevant: ["zg-warehouse-job", "zg-warehouse-trial"] },
  { key: "marija", firstName: "Marija", readiness: "temporarily_passive", interests: ["vrtlarstvo", "biljke"], skills: [], languages: ["hr"], town: "Čakovec", country: "HR", travelKm: 20, hours: [2, 10], supportNeeded: ["onsite_buddy"], relevant: ["vz-garden-volunteer", "vz-care-volunteer"] },
  { key: "josip", firstName: "Josip", readiness: "job_ready", interests: ["trgovina", "prodaja"], skills: [], languages: ["hr"], town: "Varaždin", country: "HR", travelKm: 20, hours: [30, 40], supportNeeded: [], relevant: ["vz-shop-job"] },
  { key: "mirela", firstName: "Mirela", readiness: "activity_ready", interests: ["čišćenje"], skills: [], languages: ["hr"], town: "Varaždin", country: "HR", travelKm: 20, hours: [10, 20], supportNeeded: ["flexible_hours"], relevant: ["vz-cleaning-trial"] },
  { key: "duro", firstName: "Đuro", readiness: "activity_ready", interests: ["odjeća", "šivanje", "sortiranje"], skills: [], languages: ["hr"], town: "Čakovec", country: "HR", travelKm: 15, hours: [10, 25], supportNeeded: ["appointment_tolerance"], relevant: ["ck-recycling-se"] },
  { key: "sanja", firstName: "Sanja", readiness: "activity_ready", interests: ["starije osobe", "briga"], skills: [], languages: ["hr"], town: "Varaždin", country: "HR", travelKm: 20, hours: [4, 12], supportNeeded: ["appointment_tolerance"], relevant: ["vz-care-volunteer"] },
  { key: "tomo", firstName: "Tomo", readiness: "activity_ready", interests: ["kuhinja", "hotel"], skills: ["kuhanje"], languages: ["hr"], town: "Split", country: "HR", travelKm: 30, hours: [10, 25], supportNeeded: [], relevant: ["st-kitchen-trial"] },
  { key: "nina", firstName: "Nina", readiness: "activity_ready", interests: ["kuhanje"], skills: [], languages: ["sl", "uk"], town: "Maribor", country: "SI", travelKm: 20, hours: [10, 20], supportNeeded: ["language_support"], relevant: ["mb-kitchen-trial"] },
  { key: "matej", firstName: "Matej", readiness: "job_ready", interests: ["skladišče"], skills: ["viličar"], languages: ["sl"], town: "Maribor", country: "SI", travelKm: 30, hours: [30, 40], supportNeeded: [], relevant: ["mb-warehouse-job"] },
  { key: "eva", firstName: "Eva", readiness: "activity_ready", interests: ["vrtnarjenje", "rastline"], skills: [], languages: ["sl"], town: "Maribor", country: "SI", travelKm: 25, hours: [8, 20], supportNeeded: ["accessible_workplace"], relevant: ["mb-garden-se"] },
  { key: "jure", firstName: "Jure", readiness: "temporarily_passive", interests: ["popravila", "ponovna uporaba"], skills: [], languages: ["sl"], town: "Maribor", country: "SI", travelKm: 20, hours: [4, 10], supportNeeded: [], relevant: ["mb-reuse-volunteer"] },
  { key: "ahmed", firstName: "Ahmed", readiness: "activity_ready", interests: ["madlavning", "køkken"], skills: [], languages: ["da", "ar"], town: "Aarhus", country: "DK", travelKm: 25, hours: [10, 20], supportNeeded: ["language_support"], relevant: ["aa-kitchen-trial"] },
  { key: "amina", firstName: "Amina", readiness: "activity_ready", interests: ["lager"], skills: ["pakning"], languages: ["da", "en"], town: "Aarhus", country: "DK", travelKm: 20, hours: [15, 25], supportNeeded: ["language_support"], relevant: ["aa-warehouse-trial"] },
  { key: "lars", firstName: "Lars", readiness: "temporarily_passive", interests: ["have", "planter"], skills: [], languages: ["da"], town: "Aarhus", country: "DK", travelKm: 15, hours: [3, 8], supportNeeded: [], relevant: ["aa-garden-volunteer"] },
  { key: "sofie", firstName: "Sofie", readiness: "activity_ready", interests: ["cykler", "reparation"], skills: [], languages: ["da", "en"], town: "Aarhus", country: "DK", travelKm: 20, hours: [6, 20], supportNeeded: ["onsite_buddy"], relevant: ["aa-bike-training"] },
  { key: "peter", firstName: "Peter", readiness: "job_ready", interests: ["rengøring"], skills: [], languages: ["da"], town: "Aarhus", country: "DK", travelKm: 20, hours: [25, 37], supportNeeded: [], relevant: ["aa-cleaning-job"] },
];
