"""Events of the demonstration: facts (titles, dates, organisers, speakers) from public sources,
summaries written for Essaim.

Sources: the press kit « Mois de l’innovation publique : la transformation publique au cœur
des territoires » (DITP, Hauts-de-France edition, November 2020) and the article of the
Assemblée des Départements de France on the Semaine de l’innovation publique 2017 (the
ESSEC's announcement of its MOOC names the Val-d’Oise as its partner). Where a source gives a
day but no hour, or only the first and last days of a series, the hours and the days in
between are plausible ones (noted `hours: "indicatives…"`).

Each event: slug, title, organiser (organisation slug), partners, format, mode, commune (INSEE
code or None), sessions [(start "YYYY-MM-DD HH:MM", end, title)], audiences, themes (slugs),
summary, speakers [(name, role)], and optional capacity, accessibility flags, featured.
"""

MOIS_2020 = {
    "slug": "mois-de-l-innovation-publique-2020",
    "name": "Mois de l’innovation publique 2020",
    "summary": "« La transformation publique au cœur des territoires » : plus de 200 événements "
    "en ligne partout en France, du 2 au 30 novembre 2020.",
    "description": "Septième édition du rendez-vous des innovateurs publics, coordonnée par la "
    "DITP avec les laboratoires d’innovation territoriale. Entièrement en ligne en raison du "
    "contexte sanitaire : webinaires, conférences, podcasts, modules de formation, sessions "
    "créatives et ateliers participatifs, pour les agents comme pour le grand public.",
    "starts_on": "2020-11-02",
    "ends_on": "2020-11-30",
    "call_opens_on": "2020-09-01",
    "call_closes_on": "2020-10-31",
    "coordinator": "ditp",
    "themes": [],
    # The SIILAB's own agenda, and the Département du Nord's: the Simplificathon's workshops
    # are the consultation's (essaim/participation/demo.py), published in its agenda.
    "aggregated": ["siilab", "departement-du-nord"],
}

SEMAINE_2017 = {
    "slug": "semaine-de-l-innovation-publique-2017",
    "name": "Semaine de l’innovation publique 2017",
    "summary": "Quatrième édition, du 20 au 26 novembre 2017 : découvrir, rencontrer, participer.",
    "description": "Échanges, présentations, expositions, démonstrations et expérimentations "
    "dans toute la France, avec une forte mobilisation des Départements.",
    "starts_on": "2017-11-20",
    "ends_on": "2017-11-26",
    "call_opens_on": None,
    "call_closes_on": None,
    "coordinator": "ditp",
    "themes": [],
    "aggregated": [],
}

_MARDIS = (
    "Chaque mardi matin du Mois, la DITP décrypte en ligne un grand enjeu de l’innovation "
    "publique avec des penseurs, des experts et des professionnels de terrain."
)

EVENTS_2020 = [
    {
        "slug": "simplificathon-faisons-simple",
        "title": "« Faisons simple », le Simplificathon éclair du Département du Nord",
        "organiser": "departement-du-nord",
        "format": "hackathon",
        "mode": "online",
        "commune": "59350",
        "sessions": [
            ("2020-10-17 09:30", "2020-10-17 12:00", "Lancement et appel à sujets"),
            ("2020-12-04 14:00", "2020-12-04 16:30", "Restitution"),
        ],
        "audiences": ["agents"],
        "themes": ["simplification"],
        "summary": "Des agents proposent des sujets sur quatre thèmes (e-administration, relations"
        " aux "
        "usagers, délégation de responsabilités, services aux agents) ; quatre sujets retenus,"
        " trois ateliers chacun.",
        "speakers": [
            ("Aude Fournier", "DGA Partenaires et ressources, Département du Nord"),
            ("Alain Delfosse", "Directeur de la Fabrik59"),
        ],
        "featured": True,
        "hours": "indicatives",
    },
    {
        "slug": "webinaire-relance-inclusion-numerique-hauts-de-france",
        "title": "Plan de relance : webinaire des acteurs de l’inclusion numérique en Hauts-de-"
        "France",
        "organiser": "siilab",
        "partners": ["les-assembleurs"],
        "format": "webinar",
        "mode": "online",
        "commune": "59350",
        "sessions": [("2020-11-10 10:00", "2020-11-10 11:30", "")],
        "audiences": ["agents", "associations"],
        "themes": ["inclusion-numerique"],
        "summary": "Échange avec les acteurs de l’inclusion numérique réunis au SIILAB et « Les "
        "Assembleurs », hub numérique inclusif des Hauts-de-France, sur les mesures du plan de"
        " relance.",
        "speakers": [],
        "has_subtitles": True,
        "featured": True,
        "hours": "indicatives",
    },
    {
        "slug": "appel-a-idees-donnees-publiques",
        "title": "À quelles données publiques rêvez-vous d’avoir accès ? Appel à idées de la DINUM",
        "organiser": "dinum",
        "format": "call_for_ideas",
        "mode": "online",
        "commune": None,
        "sessions": [("2020-11-01 00:00", "2020-11-30 23:59", "")],
        "audiences": ["agents", "companies", "associations", "general_public"],
        "themes": ["donnees-et-numerique"],
        "summary": "Administrations, collectivités, entreprises, associations et citoyens disent, "
        "par un "
        "formulaire en ligne, à quelles données ils veulent accéder et quels services ils "
        "construiraient ; une synthèse suit.",
        "speakers": [],
        "registration_mode": "none",
    },
    {
        "slug": "innovation-au-coeur-de-pole-emploi",
        "title": "L’innovation au cœur de Pôle emploi et dans les territoires",
        "organiser": "pole-emploi",
        "partners": ["lab-pole-emploi"],
        "format": "webinar",
        "mode": "online",
        "commune": None,
        "sessions": [("2020-11-06 10:00", "2020-11-06 11:30", "")],
        "audiences": ["general_public", "agents"],
        "themes": ["emploi"],
        "summary": "Un webinaire ouvert au grand public, sur inscription, pour découvrir les "
        "entités "
        "innovantes de Pôle emploi : département Innovation et LAB, Performance par la "
        "confiance, expérience utilisateur et digital, systèmes d’information.",
        "speakers": [],
        "capacity": 300,
        "hours": "indicatives",
    },
    {
        "slug": "incubateur-des-territoires-anct",
        "title": "Innovation dans les territoires : créer des services publics numériques à fort "
        "impact",
        "organiser": "anct",
        "partners": ["lab-banque-des-territoires"],
        "format": "round_table",
        "mode": "online",
        "commune": None,
        "sessions": [("2020-11-24 14:00", "2020-11-24 17:00", "")],
        "audiences": ["agents", "elected_officials"],
        "themes": ["donnees-et-numerique"],
        "summary": "Découvrir l’offre de l’Incubateur des territoires de l’ANCT et dialoguer avec "
        "des "
        "collectivités et partenaires qui ont rejoint la démarche.",
        "speakers": [
            (
                "Jean-René Cazeneuve",
                "Député, président de la délégation aux collectivités territoriales",
            ),
            ("Blandine Calcio Godino", "Directrice Open Innovation, Banque des Territoires"),
        ],
        "hours": "indicatives",
    },
    {
        "slug": "tester-demain-bordeaux-metropole",
        "title": "#TesterDemain",
        "organiser": "bordeaux-metropole",
        "format": "workshop",
        "mode": "online",
        "commune": "33063",
        "sessions": [
            ("2020-11-17 18:00", "2020-11-17 19:30", "Quand l’artisanat se réinvente"),
            ("2020-11-19 18:00", "2020-11-19 19:30", "Dessiner pour mieux se comprendre"),
            (
                "2020-11-24 18:00",
                "2020-11-24 19:30",
                "Produire et manger local : est-ce possible ?",
            ),
            ("2020-11-27 18:00", "2020-11-27 19:30", "Revenir aux basiques grâce à la low-tech"),
        ],
        "audiences": ["general_public"],
        "themes": ["environnement", "economie-et-entreprises"],
        "summary": "Ateliers et conférences-débats pour découvrir des solutions émergentes, "
        "technologiques, méthodologiques et écologiques, et explorer de nouvelles pratiques.",
        "speakers": [],
        "capacity": 80,
        "hours": "indicatives",
    },
    {
        "slug": "ateliers-du-lab-occitanie",
        "title": "Les Ateliers du Lab’ Occitanie",
        "organiser": "region-occitanie",
        "partners": ["le-lab-region-occitanie"],
        "format": "training",
        "mode": "online",
        "commune": "31555",
        # « Du 2 au 27 novembre »: the source dates the first and the last session only.
        "sessions": [
            ("2020-11-02 12:30", "2020-11-02 13:30", "Finissons-en avec les réunions ratées !"),
            ("2020-11-16 12:30", "2020-11-16 13:30", "Réussir ses réunions à distance"),
            ("2020-11-27 12:30", "2020-11-27 13:30", "Intéresser son auditoire"),
        ],
        "audiences": ["agents"],
        "themes": ["ressources-humaines-publiques"],
        "summary": "De courtes sessions d’acculturation à l’innovation proposées par la direction "
        "de la "
        "coordination de l’innovation de la Région, sur les bonnes pratiques de réunion.",
        "speakers": [],
        "capacity": 30,
        "requires_account": True,
        "hours": "indicatives (date de la deuxième séance non précisée par la source)",
    },
    {
        "slug": "table-ronde-design-en-sante",
        "title": "Table ronde de la Chaire Design et action publique innovante : le design en "
        "santé",
        "organiser": "ecole-de-design-nantes-atlantique",
        "format": "round_table",
        "mode": "online",
        "commune": "44109",
        "sessions": [("2020-11-10 17:30", "2020-11-10 19:00", "")],
        "audiences": ["general_public", "researchers"],
        "themes": ["sante"],
        "summary": "Des designers engagés dans la transformation d’établissements de santé "
        "croisent leurs"
        " approches avec des chercheurs et des élus.",
        "speakers": [],
        "hours": "indicatives",
    },
    {
        "slug": "table-ronde-design-innovation-publique-citoyens",
        "title": "Table ronde de la Chaire Design et action publique innovante : innover avec les "
        "citoyens",
        "organiser": "ecole-de-design-nantes-atlantique",
        "format": "round_table",
        "mode": "online",
        "commune": "44109",
        "sessions": [("2020-11-17 17:30", "2020-11-17 19:00", "")],
        "audiences": ["general_public", "researchers", "elected_officials"],
        "themes": ["participation-citoyenne"],
        "summary": "Le design pour l’innovation publique avec les citoyens : chercheurs en gestion"
        " et en "
        "anthropologie, consultants, élus et designers croisent leurs regards.",
        "speakers": [],
        "hours": "indicatives",
    },
    {
        "slug": "mardi-innovation-retex-des-retex",
        "title": "Les Mardis de l’innovation : « Innovation et crise : le retex des retex »",
        "organiser": "ditp",
        "format": "conference",
        "mode": "online",
        "commune": None,
        "sessions": [("2020-11-03 09:30", "2020-11-03 11:30", "")],
        "audiences": ["agents", "general_public"],
        "themes": ["participation-citoyenne"],
        "summary": _MARDIS
        + " Quels chantiers ouvrir après les nombreux retours d’expérience de la crise sanitaire ?",
        "speakers": [
            ("Nadège Guiraud", "La 27e Région"),
            ("Hélène Boissin-Jonville", "DITP"),
            ("Aurore Bimont", "Directrice de l’incubateur Système D, Démocratie Ouverte"),
        ],
        "capacity": 500,
        "featured": True,
        "has_subtitles": True,
    },
    {
        "slug": "mardi-innovation-gouvernement-ouvert",
        "title": "Les Mardis de l’innovation : « Gouvernement ouvert : en route vers 2021 »",
        "organiser": "ditp",
        "format": "conference",
        "mode": "online",
        "commune": None,
        "sessions": [("2020-11-10 09:30", "2020-11-10 11:30", "")],
        "audiences": ["agents", "general_public"],
        "themes": ["participation-citoyenne"],
        "summary": _MARDIS
        + " Comment associer citoyens et société civile au troisième plan d’action pour un "
        "gouvernement ouvert ?",
        "speakers": [
            ("Didier Migaud", "Président de la HATVP"),
            ("Henri Verdier", "Ambassadeur pour le numérique"),
            ("Armel Le Coz", "Démocratie Ouverte"),
            ("Mathilde Imer", "Démocratie Ouverte"),
        ],
        "capacity": 500,
        "has_subtitles": True,
    },
    {
        "slug": "mardi-innovation-transition-ecologique",
        "title": "Les Mardis de l’innovation : « L’innovation au service de la transition "
        "écologique »",
        "organiser": "ditp",
        "partners": ["cgdd", "ecolab"],
        "format": "conference",
        "mode": "online",
        "commune": None,
        "sessions": [("2020-11-17 09:30", "2020-11-17 11:30", "")],
        "audiences": ["agents", "general_public"],
        "themes": ["environnement"],
        "summary": _MARDIS
        + " Comment conjuguer transformation publique et transition écologique, à l’échelle de "
        "son organisation ?",
        "speakers": [
            ("Gwenaël Roudaud", "Services publics écoresponsables, CGDD"),
            ("Thomas Cottinet", "Ecolab, ministère de la Transition écologique"),
            ("Laurianne Vagharchakian", "Chercheuse en sciences cognitives, DITP"),
            ("Dominique Bourg", "Philosophe"),
        ],
        "capacity": 500,
        "has_subtitles": True,
    },
    {
        "slug": "mardi-innovation-renouveler-l-innovation-publique",
        "title": "Les Mardis de l’innovation : « Renouveler l’innovation publique »",
        "organiser": "ditp",
        "format": "conference",
        "mode": "online",
        "commune": None,
        "sessions": [("2020-11-24 09:30", "2020-11-24 11:30", "")],
        "audiences": ["agents", "general_public", "students"],
        "themes": ["ressources-humaines-publiques"],
        "summary": _MARDIS
        + " Comment diffuser l’innovation dans la culture de l’action publique, et quelle place "
        "pour les jeunes agents ?",
        "speakers": [
            ("Giulia Reboa", "Association Fonction publique du XXIe siècle"),
            ("Awa Ndiaye", "Podcast Tête à Tech, Lab Banque des Territoires"),
            ("Makan Fofana", "Design Fiction Club"),
            ("Ketty Stewart", "Plurality University"),
        ],
        "capacity": 500,
        "has_subtitles": True,
    },
    {
        "slug": "sciences-comportementales-documents-clairs",
        "title": "Pour des documents administratifs clairs, les sciences comportementales à la "
        "rescousse",
        "organiser": "ditp",
        "format": "webinar",
        "mode": "online",
        "commune": None,
        "sessions": [("2020-11-10 14:00", "2020-11-10 16:00", "")],
        "audiences": ["agents"],
        "themes": ["simplification"],
        "summary": "Comment les sciences comportementales aident à simplifier démarches et "
        "documents "
        "administratifs : retour d’expérience et échanges.",
        "speakers": [
            ("The Behavioural Insights Team", "Bureau de Paris"),
            ("Camille Rozier", "Cheffe de projet, DITP"),
            ("Elise Potier", "Cheffe de projet, DITP"),
        ],
        "capacity": 200,
    },
    {
        "slug": "a-la-rencontre-des-sciences-comportementales",
        "title": "À la rencontre des sciences comportementales",
        "organiser": "menjs-mesri",
        "partners": ["ditp"],
        "format": "workshop",
        "mode": "online",
        "commune": None,
        "sessions": [("2020-11-17 14:00", "2020-11-17 16:00", "")],
        "audiences": ["agents"],
        "themes": ["education"],
        "summary": "Une séance interactive pour éprouver les limites de son intuition sur les "
        "comportements, puis les projets récents de la DITP : sommeil et écrans chez les "
        "jeunes, jeu de cartes des sciences comportementales.",
        "speakers": [
            ("Chrystelle Prieur", "Chargée de mission diffusion-modernisation, MENJS-MESRI"),
            ("Laurianne Vagharchakian", "Équipe sciences comportementales, DITP"),
            ("Camille Rozier", "Équipe sciences comportementales, DITP"),
            ("Elise Potier", "Équipe sciences comportementales, DITP"),
            ("Laure Dusart", "Équipe sciences comportementales, DITP"),
        ],
        "capacity": 100,
    },
    {
        "slug": "dgfip-nord-webconferences",
        "title": "Série de trois webconférences de la DGFiP pour les acteurs économiques",
        "organiser": "dgfip-delegation-nord",
        "format": "webinar",
        "mode": "online",
        "commune": "59350",
        "sessions": [
            (
                "2020-11-27 10:00",
                "2020-11-27 11:00",
                "Les nouvelles modalités d’accueil et de prise en charge des demandes",
            ),
            (
                "2020-12-18 10:00",
                "2020-12-18 11:00",
                "La dématérialisation des échanges et l’offre numérique de la DGFiP",
            ),
            (
                "2021-01-22 10:00",
                "2021-01-22 11:00",
                "Travailler à la DGFiP : partages d’expériences RH",
            ),
        ],
        "audiences": ["companies"],
        "themes": ["economie-et-entreprises"],
        "summary": "Pour les acteurs économiques de la Métropole européenne de Lille, du 27 "
        "novembre au "
        "22 janvier.",
        "speakers": [],
        "capacity": 150,
        "hours": "indicatives (date de la deuxième séance non précisée par la source)",
    },
    {
        "slug": "la-ditp-a-la-rencontre-du-siilab",
        "title": "La DITP à la rencontre du SIILAB",
        "organiser": "siilab",
        "partners": ["ditp", "sgar-hauts-de-france"],
        "format": "webinar",
        "mode": "online",
        "commune": "59350",
        "sessions": [("2020-11-20 10:00", "2020-11-20 12:00", "")],
        "audiences": ["agents"],
        "themes": ["social"],
        "summary": "Avec Thierry Lambert, délégué interministériel à la transformation publique : "
        "le "
        "point sur les projets innovants de 2020 et les leviers pour déployer l’innovation "
        "publique.",
        "speakers": [("Thierry Lambert", "Délégué interministériel à la transformation publique")],
        "hours": "indicatives",
    },
]

# The SIILAB's own agenda: outside any programme, they join the Mois by aggregation.
SIILAB_AGENDA_2020 = [
    {
        "slug": "citoyens-en-communs-seminaire-de-lancement",
        "title": "« Citoyens en communs » : séminaire de lancement",
        "organiser": "siilab",
        "format": "seminar",
        "mode": "online",
        "commune": "59350",
        "sessions": [("2020-11-18 09:30", "2020-11-18 12:30", "")],
        "audiences": ["agents", "associations"],
        "themes": ["participation-citoyenne"],
        "summary": "Lancement des travaux du lauréat de l’appel à projets participation citoyenne "
        "de la "
        "DITP : onze acteurs construisent un commun pour amplifier la participation citoyenne.",
        "speakers": [],
        "hours": "indicatives",
    },
    {
        "slug": "refonte-du-credit-loisirs",
        "title": "Refonte du Crédit-Loisirs : journée de travail collaboratif",
        "organiser": "siilab",
        "partners": ["mission-locale-de-lille"],
        "format": "workshop",
        "mode": "onsite",
        "commune": "59350",
        "sessions": [("2020-11-28 09:00", "2020-11-28 17:00", "")],
        "audiences": ["agents", "associations", "general_public"],
        "themes": ["culture", "social"],
        "summary": "Repenser le dispositif qui ouvre depuis trente ans la culture aux habitants "
        "les plus "
        "modestes de la métropole lilloise, face à la baisse des aides et aux difficultés des "
        "acteurs culturels.",
        "speakers": [],
        "capacity": 25,
        "accessible_motor": True,
        "hours": "indicatives",
    },
]

# Press meetings the DITP held with the labs (Toulouse falls after the Mois: it stays in the
# DITP's own agenda).
PRESS_2020 = [
    ("bordeaux", "Bordeaux", "la-base", "33063", "2020-11-06"),
    ("rennes", "Rennes", "ti-lab", "35238", "2020-11-13"),
    ("lille", "Lille", "siilab", "59350", "2020-11-20"),
    ("toulouse", "Toulouse", "le-labo", "31555", "2020-12-04"),
]

EVENTS_2017 = [
    {
        "slug": "calvados-table-ronde-tourisme-attractivite-data-2017",
        "title": "Table ronde : tourisme, attractivité et données",
        "organiser": "departement-du-calvados",
        "format": "round_table",
        "mode": "onsite",
        "commune": "14118",
        "sessions": [("2017-11-21 18:00", "2017-11-21 20:00", "")],
        "audiences": ["general_public", "companies"],
        "themes": ["donnees-et-numerique"],
        "summary": "Le Département du Calvados réunit acteurs du tourisme et de la donnée autour "
        "de "
        "l’attractivité du territoire.",
        "speakers": [],
        "hours": "indicatives",
    },
    {
        "slug": "hackathon-du-calvados-2017",
        "title": "Hackathon du Calvados : tourisme, attractivité et data",
        "organiser": "departement-du-calvados",
        "format": "hackathon",
        "mode": "onsite",
        "commune": "14118",
        "sessions": [("2017-11-24 18:00", "2017-11-25 18:00", "")],
        "audiences": ["general_public", "students", "companies"],
        "themes": ["donnees-et-numerique"],
        "summary": "Vingt-quatre heures pour imaginer des services avec les données du "
        "Département.",
        "speakers": [],
        "capacity": 60,
        "hours": "indicatives",
    },
    {
        "slug": "mooc-innovation-publique-et-pensee-design-2017",
        "title": "MOOC « Innovation publique et pensée design »",
        "organiser": "departement-du-val-d-oise",
        "format": "online_course",
        "mode": "online",
        "commune": None,
        "sessions": [("2017-11-06 09:00", "2017-12-01 18:00", "")],
        "audiences": ["agents"],
        "themes": ["ressources-humaines-publiques"],
        "summary": "Le Val-d’Oise invite ses agents à suivre cette formation en ligne ouverte à "
        "tous, du 6 novembre au 1er décembre : le MOOC de l’ESSEC, conçu en partenariat avec le "
        "Département.",
        "speakers": [],
        "registration_mode": "none",
    },
    {
        "slug": "labase-gironde-ateliers-2017",
        "title": "Ateliers de LaBase, laboratoire d’innovation territoriale de la Gironde",
        "organiser": "departement-de-la-gironde",
        "partners": ["bordeaux-metropole", "la-base"],
        "format": "workshop",
        "mode": "onsite",
        "commune": "33063",
        "sessions": [(f"2017-11-{day} 14:00", f"2017-11-{day} 17:00", "") for day in range(20, 26)],
        "audiences": ["agents"],
        "themes": ["simplification"],
        "summary": "Six jours d’ateliers autour du laboratoire inter-administrations lancé en juin"
        " 2017 "
        "avec Bordeaux Métropole, pour la « créativité administrative » au service de "
        "l’usager.",
        "speakers": [],
        "hours": "indicatives",
    },
]

# Loire-Atlantique: more than 40 moments over six days; those the source names.
# (slug suffix, title, format, theme, day)
LOIRE_ATLANTIQUE_2017 = [
    ("blockchain", "Découvrir : la blockchain expliquée", "conference", "donnees-et-numerique", 20),
    (
        "realite-virtuelle",
        "Découvrir : la réalité virtuelle",
        "exhibition",
        "donnees-et-numerique",
        20,
    ),
    (
        "val-d-oise-ille-et-vilaine",
        "Découvrir : les approches innovantes du Val-d’Oise et d’Ille-et-Vilaine",
        "round_table",
        "simplification",
        21,
    ),
    (
        "ecole-de-design",
        "Découvrir : l’École de design et Nantes Métropole",
        "conference",
        "participation-citoyenne",
        21,
    ),
    (
        "my-human-kit",
        "Rencontre avec My Human Kit : des aides techniques pour et avec les personnes handicapées",
        "workshop",
        "handicap",
        22,
    ),
    (
        "arc-antique",
        "Partager : les labos d’Arc’Antique, conservation et restauration du patrimoine",
        "visit",
        "culture",
        22,
    ),
    (
        "maia",
        "Partager : les MAIA, l’intégration des services d’aide et de soins",
        "seminar",
        "solidarites-et-autonomie",
        23,
    ),
    (
        "facilitation-graphique",
        "Comprendre : atelier de facilitation graphique",
        "workshop",
        "ressources-humaines-publiques",
        23,
    ),
    (
        "programmation",
        "Comprendre : initiation à la programmation",
        "workshop",
        "donnees-et-numerique",
        24,
    ),
    (
        "data-visualisation",
        "Comprendre : la data visualisation",
        "workshop",
        "donnees-et-numerique",
        24,
    ),
    ("reseaux-sociaux", "Comprendre : les réseaux sociaux", "workshop", "donnees-et-numerique", 25),
    (
        "outils-du-designer",
        "Comprendre : les outils d’un designer",
        "workshop",
        "participation-citoyenne",
        25,
    ),
]

# A lab's ordinary agenda, dated from today so the public agenda always shows what is coming.
# (slug, title, organiser, format, mode, commune, days from today, hour, capacity, summary)
UPCOMING = [
    (
        "cafe-innovation-siilab",
        "Café de l’innovation du SIILAB",
        "siilab",
        "workshop",
        "onsite",
        "59350",
        7,
        9,
        12,
        "Un petit-déjeuner mensuel pour présenter un projet en cours et recueillir l’avis de ses "
        "pairs.",
    ),
    (
        "webinaire-fresque-du-numerique-inclusif",
        "La fresque du numérique inclusif",
        "les-assembleurs",
        "workshop",
        "online",
        None,
        9,
        14,
        20,
        "Trois heures pour comprendre les causes de l’exclusion numérique et imaginer des réponses"
        " locales.",
    ),
    (
        "ti-lab-design-de-service-initiation",
        "Initiation au design de service",
        "ti-lab",
        "training",
        "hybrid",
        "35238",
        14,
        9,
        16,
        "Une journée pour s’approprier les outils du design de service, de l’entretien usager au "
        "prototype.",
    ),
    (
        "mardi-de-l-innovation-demo",
        "Les Mardis de l’innovation : la donnée au service des usagers",
        "ditp",
        "conference",
        "online",
        None,
        21,
        9,
        3,
        "Une rencontre en ligne avec des équipes qui ouvrent et exploitent leurs données pour "
        "mieux servir les usagers.",
    ),
    (
        "la-base-atelier-sobriete",
        "Atelier : la sobriété numérique dans les services publics",
        "la-base",
        "workshop",
        "onsite",
        "33063",
        28,
        14,
        18,
        "Mesurer l’empreinte de ses services numériques et choisir les premières actions.",
    ),
]
