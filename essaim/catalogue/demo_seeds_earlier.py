"""Demo initiatives from the earlier seed documents.

- the Futurs Publics review of May 2014 (SGMAP's government lab and its first projects);
- the Semaine de l'innovation publique of November 2017, seen from the Départements;
- "État d'avenir" n° 1 (June 2018): the State services of Hauts-de-France, "100 % innovation
  publique".

Facts come from those documents; the wording is the platform's own. Replications ("essaimage")
are written where the documents say an approach spread: the national plan for digital inclusion
taken up in Hauts-de-France, and the maisons de services au public rethought by Futurs Publics
then opened across the region.
"""

import datetime as dt

D = dt.date
FUTURS_PUBLICS = "Futurs Publics, bilan des six premiers mois, mai 2014"
SEMAINE_2017 = "Semaine de l’innovation publique, novembre 2017"
ETAT_D_AVENIR = "État d’avenir en Hauts-de-France n° 1, juin 2018"

_FP = {
    "carriers": ["futurs-publics", "sgmap"],
    "place": None,
    "government_level": "national",
    "published": D(2014, 5, 12),
}
_HDF_STATE = {
    "place": ("region", "32"),
    "government_level": "regional",
    "published": D(2018, 6, 1),
}

INITIATIVES = [
    {
        **_FP,
        "slug": "futurs-publics-simplifier-les-demandes-d-aides-sociales",
        "title": "Simplifier radicalement la demande d’aides sociales",
        "pitch": "Partir de la situation de chaque personne pour demander en une fois les "
        "aides sociales auxquelles elle a droit, réduire le non-recours et alléger la gestion.",
        "problem": "<p>Chaque aide sociale a son guichet et son formulaire : beaucoup de "
        "personnes renoncent à des droits, et les administrations instruisent plusieurs fois "
        "les mêmes informations.</p>",
        "solution": "<p>L’un des quatre premiers chantiers de Futurs Publics : repenser la "
        "demande à partir de la situation personnelle de l’usager plutôt que dispositif par "
        "dispositif.</p>",
        "beneficiaries": ["citizens", "agents"],
        "themes": ["social", "simplification"],
        "facet": "mission_oriented",
        "started_on": D(2013, 12, 18),
        "steps": [("exploration", D(2013, 12, 18), "Chantier engagé à la création du programme.")],
    },
    {
        **_FP,
        "slug": "futurs-publics-traitement-personnalise-en-mdph",
        "title": "Un traitement personnalisé des demandes dans deux MDPH",
        "pitch": "Expérimenter dans deux maisons départementales des personnes handicapées un "
        "traitement personnalisé des demandes, pour une prise en charge bien plus efficace.",
        "problem": "<p>La prise en charge administrative des personnes handicapées est longue "
        "et peu lisible pour elles comme pour leurs proches.</p>",
        "solution": "<p>Deux MDPH testent un traitement des demandes adapté à chaque "
        "situation, avec l’appui du laboratoire Futurs Publics.</p>",
        "beneficiaries": ["citizens", "agents"],
        "themes": ["handicap", "simplification"],
        "facet": "enhancement",
        "started_on": D(2013, 12, 18),
        "steps": [("experiment", D(2014, 5, 12), "Expérimentation dans deux MDPH.")],
        "indicators": [("MDPH expérimentatrices", 2, "MDPH", D(2014, 5, 12))],
    },
    {
        **_FP,
        "slug": "repenser-les-maisons-de-services-au-public",
        "title": "Repenser les maisons de services au public",
        "pitch": "Faire mieux coopérer les acteurs publics au sein des maisons de services au "
        "public pour améliorer l’accès aux services de proximité.",
        "problem": "<p>Dans les territoires, les services publics de proximité sont dispersés "
        "et coopèrent peu entre eux.</p>",
        "solution": "<p>Futurs Publics revoit le fonctionnement des maisons de services au "
        "public : un lieu où plusieurs administrations coopèrent pour accueillir et orienter "
        "les habitants.</p>",
        "beneficiaries": ["citizens", "local_authorities"],
        "themes": ["simplification", "inclusion-numerique"],
        "facet": "enhancement",
        "started_on": D(2013, 12, 18),
        "steps": [("exploration", D(2014, 5, 12), "L’un des quatre premiers chantiers.")],
    },
    {
        **_FP,
        "slug": "colleges-connectes",
        "title": "Collèges connectés",
        "pitch": "Développer les usages pédagogiques du numérique dans les collèges et tirer "
        "parti des investissements des acteurs publics.",
        "problem": "<p>Les équipements numériques financés dans les collèges restent souvent "
        "sous-utilisés en classe.</p>",
        "solution": "<p>Une opération de Futurs Publics pour développer les usages "
        "pédagogiques du numérique et mieux valoriser les investissements réalisés.</p>",
        "beneficiaries": ["citizens", "agents"],
        "themes": ["education", "donnees-et-numerique"],
        "facet": "mission_oriented",
        "started_on": D(2013, 12, 18),
        "steps": [("experiment", D(2014, 5, 12), "Opération engagée.")],
    },
    {
        **_FP,
        "slug": "reacteur-public",
        "title": "Réacteur public, un consortium pour innover entre État et collectivités",
        "pitch": "Un consortium d’acteurs publics qui facilite la coopération entre l’État et "
        "les collectivités territoriales sur l’innovation publique.",
        "problem": "<p>L’État et les collectivités innovent chacun de leur côté et partagent "
        "peu leurs méthodes.</p>",
        "solution": "<p>Lancé le 13 mai 2014 par Futurs Publics, Réacteur public réunit des "
        "acteurs publics des deux mondes autour de projets et de pratiques communs.</p>",
        "beneficiaries": ["agents", "local_authorities"],
        "themes": ["ressources-humaines-publiques"],
        "facet": "anticipatory",
        "started_on": D(2014, 5, 13),
        "steps": [("experiment", D(2014, 5, 13), "Lancement du consortium.")],
    },
    {
        "slug": "hackathon-tourisme-attractivite-donnees-calvados",
        "title": "Un hackathon sur le tourisme, l’attractivité et les données dans le Calvados",
        "pitch": "Pendant la Semaine de l’innovation publique, le Département du Calvados réunit "
        "une table ronde et un hackathon autour du tourisme, de l’attractivité et des données.",
        "solution": "<p>Table ronde puis hackathon, du 20 au 26 novembre 2017, pour imaginer des "
        "usages des données au service de l’attractivité du territoire.</p>",
        "beneficiaries": ["citizens", "companies"],
        "themes": ["donnees-et-numerique", "economie-et-entreprises", "culture"],
        "carriers": ["departement-du-calvados"],
        "place": ("department", "14"),
        "government_level": "departmental",
        "facet": "anticipatory",
        "published": D(2017, 11, 20),
        "started_on": D(2017, 11, 20),
        "steps": [("idea", D(2017, 11, 20), "Hackathon de la Semaine de l’innovation.")],
    },
    {
        "slug": "maia-loire-atlantique",
        "title": "MAIA : intégrer les services d’aide et de soins pour l’autonomie",
        "pitch": "En Loire-Atlantique, une méthode qui fait travailler ensemble les services "
        "d’aide et de soins autour des personnes en perte d’autonomie.",
        "problem": "<p>Services d’aide à domicile et de soins interviennent souvent sans se "
        "coordonner auprès des mêmes personnes.</p>",
        "solution": "<p>La méthode MAIA intègre ces services dans le champ de l’autonomie ; le "
        "Département l’a présentée parmi ses travaux lors de la Semaine de l’innovation "
        "publique 2017.</p>",
        "beneficiaries": ["citizens", "agents"],
        "themes": ["solidarites-et-autonomie", "sante"],
        "carriers": ["departement-de-loire-atlantique"],
        "place": ("department", "44"),
        "government_level": "departmental",
        "facet": "enhancement",
        "published": D(2017, 11, 20),
        "steps": [("sustained", D(2017, 11, 20), "Méthode en place dans le Département.")],
    },
    {
        "slug": "my-human-kit-aides-techniques",
        "title": "Des aides techniques fabriquées avec les personnes handicapées",
        "pitch": "L’association My Human Kit conçoit des aides techniques pour et avec les "
        "personnes en situation de handicap.",
        "solution": "<p>Plutôt que d’acheter une aide technique standard, la personne la "
        "fabrique avec l’association. Le Département de Loire-Atlantique l’a invitée à "
        "présenter sa démarche en novembre 2017.</p>",
        "beneficiaries": ["citizens", "associations"],
        "themes": ["handicap"],
        "carriers": ["my-human-kit"],
        "place": None,
        "government_level": "other",
        "facet": "adaptive",
        "published": D(2017, 11, 20),
        "steps": [("scaling", D(2017, 11, 20), "Démarche présentée en Loire-Atlantique.")],
    },
    {
        "slug": "val-d-oise-mooc-innovation-publique-et-pensee-design",
        "title": "Former les agents à l’innovation publique et à la pensée design",
        "pitch": "Le Val-d’Oise invite ses agents à suivre une formation en ligne ouverte à "
        "tous sur l’innovation publique et la pensée design.",
        "solution": "<p>Du 6 novembre au 1er décembre 2017, les agents "
        "départementaux sont incités à suivre le MOOC « Innovation publique et pensée "
        "design ».</p>",
        "beneficiaries": ["agents"],
        "themes": ["ressources-humaines-publiques"],
        "carriers": ["departement-du-val-d-oise"],
        "place": ("department", "95"),
        "government_level": "departmental",
        "facet": "enhancement",
        "published": D(2017, 11, 20),
        "started_on": D(2017, 11, 6),
        "steps": [("experiment", D(2017, 11, 6), "Agents inscrits au MOOC.")],
    },
    {
        **_HDF_STATE,
        "slug": "incubateur-regional-de-la-direccte",
        "title": "L’incubateur régional de la DIRECCTE Hauts-de-France",
        "pitch": "Au sein de la DIRECCTE, un incubateur où sont conçus de nouveaux services "
        "publics pour les entreprises et les salariés de la région.",
        "solution": "<p>Les agents y conçoivent et testent des services innovants avant de "
        "les proposer aux usagers.</p>",
        "beneficiaries": ["companies", "agents"],
        "themes": ["emploi", "economie-et-entreprises"],
        "carriers": ["direccte-hauts-de-france"],
        "facet": "enhancement",
        "steps": [("experiment", D(2018, 6, 1), "Incubateur en activité.")],
    },
    {
        **_HDF_STATE,
        "slug": "observatoire-regional-de-la-commande-publique",
        "title": "L’observatoire régional de la commande publique (ORCP)",
        "pitch": "Un observatoire qui éclaire les acheteurs publics des Hauts-de-France et "
        "innove dans la commande publique.",
        "solution": "<p>L’observatoire rassemble les acteurs de l’achat public de la région "
        "pour partager données et pratiques.</p>",
        "beneficiaries": ["agents", "companies", "local_authorities"],
        "themes": ["economie-et-entreprises"],
        "carriers": ["sgar-hauts-de-france"],
        "facet": "enhancement",
        "steps": [("sustained", D(2018, 6, 1), "Observatoire en place.")],
    },
    {
        **_HDF_STATE,
        "slug": "reso-conseillers-publics-d-entreprises",
        "title": "Réso, pour les conseillers publics d’entreprises",
        "pitch": "Un projet destiné aux conseillers publics qui accompagnent les entreprises, "
        "pour mieux se connaître et mieux orienter.",
        "solution": "<p>Réso outille les conseillers publics d’entreprises de la région.</p>",
        "beneficiaries": ["agents", "companies"],
        "themes": ["economie-et-entreprises"],
        "carriers": ["direccte-hauts-de-france"],
        "facet": "enhancement",
        "steps": [("experiment", D(2018, 6, 1), "Projet en cours.")],
    },
    {
        **_HDF_STATE,
        "slug": "emploi-store",
        "title": "L’Emploi Store, les services numériques de l’emploi",
        "pitch": "Une vitrine des services numériques pour chercher un emploi, se former ou "
        "changer de métier, citée parmi les innovations au service de l’emploi.",
        "solution": "<p>Pôle emploi rassemble des services en ligne, publics et privés, pour "
        "les demandeurs d’emploi et les salariés.</p>",
        "beneficiaries": ["citizens"],
        "themes": ["emploi"],
        "carriers": ["pole-emploi"],
        "place": None,
        "government_level": "national",
        "facet": "enhancement",
        "steps": [("sustained", D(2018, 6, 1), "Service en ligne.")],
    },
    {
        **_HDF_STATE,
        "slug": "missions-de-service-civique-geolocalisees",
        "title": "Trouver une mission de Service civique près de chez soi",
        "pitch": "Des données géolocalisées pour trouver facilement une mission de Service "
        "civique à proximité.",
        "solution": "<p>La géolocalisation des missions ouvre l’accès aux données : chacun "
        "voit sur une carte les missions proposées autour de lui.</p>",
        "beneficiaries": ["citizens", "associations"],
        "themes": ["jeunesse", "donnees-et-numerique"],
        "carriers": ["drjscs-hauts-de-france"],
        "facet": "enhancement",
        "steps": [("sustained", D(2018, 6, 1), "Service en ligne.")],
    },
    {
        **_HDF_STATE,
        "slug": "sdis-59-geolocalisation-des-appelants",
        "title": "Être localisé précisément par les secours du Nord",
        "pitch": "Le SDIS du Nord utilise la géolocalisation pour situer avec précision les "
        "personnes qui appellent les secours.",
        "solution": "<p>Les données de localisation évitent de longues descriptions au "
        "téléphone et font gagner de précieuses minutes.</p>",
        "beneficiaries": ["citizens", "agents"],
        "themes": ["securite", "donnees-et-numerique"],
        "carriers": ["sdis-59"],
        "place": ("department", "59"),
        "government_level": "departmental",
        "facet": "enhancement",
        "steps": [("sustained", D(2018, 6, 1), "Dispositif en service.")],
    },
    {
        "slug": "plan-national-pour-un-numerique-inclusif",
        "title": "Le plan national pour un numérique inclusif",
        "pitch": "Garantir à tous, et d’abord aux plus fragiles, un égal accès aux services "
        "publics, dématérialisés ou non.",
        "problem": "<p>La dématérialisation des démarches peut exclure celles et ceux qui "
        "maîtrisent mal le numérique ou n’y ont pas accès.</p>",
        "solution": "<p>Un plan national décliné par des plans régionaux, avec des lieux "
        "d’accompagnement de proximité.</p>",
        "beneficiaries": ["citizens", "local_authorities"],
        "themes": ["inclusion-numerique"],
        "carriers": [],
        "place": None,
        "government_level": "national",
        "facet": "mission_oriented",
        "published": D(2018, 6, 1),
        "steps": [("scaling", D(2018, 6, 1), "Plan national décliné en régions.")],
    },
    {
        **_HDF_STATE,
        "slug": "plan-regional-inclusion-numerique-hauts-de-france",
        "title": "Le plan régional pour l’inclusion numérique en Hauts-de-France",
        "pitch": "La déclinaison en Hauts-de-France du plan national : les services de l’État et "
        "leurs partenaires accompagnent les publics fragiles vers les démarches en ligne.",
        "solution": "<p>L’État en région et ses partenaires publics coordonnent les lieux "
        "d’accompagnement et les acteurs de la médiation numérique.</p>",
        "beneficiaries": ["citizens", "local_authorities", "associations"],
        "themes": ["inclusion-numerique"],
        "carriers": ["sgar-hauts-de-france"],
        "facet": "mission_oriented",
        "origin": "plan-national-pour-un-numerique-inclusif",
        "steps": [("scaling", D(2018, 6, 1), "Plan régional engagé.")],
    },
    {
        **_HDF_STATE,
        "slug": "maisons-de-services-au-public-hauts-de-france",
        "title": "Des maisons de services au public ouvertes en Hauts-de-France",
        "pitch": "En Hauts-de-France, l’État ouvre des maisons de services au public pour que "
        "chacun trouve près de chez lui un accès aux services publics.",
        "solution": "<p>Ces lieux, pensés pour que plusieurs administrations coopèrent, "
        "accueillent les habitants et les aident dans leurs démarches, y compris en ligne.</p>",
        "beneficiaries": ["citizens"],
        "themes": ["inclusion-numerique", "simplification"],
        "carriers": ["sgar-hauts-de-france"],
        "facet": "enhancement",
        "origin": "repenser-les-maisons-de-services-au-public",
        "steps": [("scaling", D(2018, 6, 1), "Ouvertures dans la région.")],
    },
]
