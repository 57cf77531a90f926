"""Texts of the consultations' demonstration data.

The questions, themes, subjects and dates come from the Mois de l'innovation publique 2020
press kit (Hauts-de-France) and the DINUM call for ideas; the proposals themselves are
fictional, written for the demonstration, and say so.
"""

DEMO_NOTE = "(Proposition fictive, donnée de démonstration.)"

NORD_QUESTION = (
    "Quelle(s) mesure(s) devrions-nous prendre pour éliminer les lourdeurs, rationaliser les "
    "procédures et ainsi faciliter notre travail au quotidien ?"
)
NORD_CONTEXT = (
    "« Faisons simple » : le premier Simplificathon du Département du Nord, animé par la "
    "Fabrik59, son laboratoire d’innovation interne. La question a été posée aux 8 000 agents "
    "du Département ; 120 propositions spontanées sont arrivées ; 4 sujets ont été retenus, "
    "chacun travaillé en 3 ateliers de co-design avec des agents volontaires et des usagers, "
    "animés par des agents formés au co-design.\n\n"
    "Données de démonstration : les propositions affichées ici sont fictives."
)

# theme slug, name, findings (cycled into the bodies), 30 proposal titles.
NORD_THEMES = [
    (
        "e-administration",
        "E-administration",
        [
            "les documents circulent encore sur papier entre les services",
            "il faut ressaisir les mêmes informations dans plusieurs logiciels",
            "les parapheurs papier attendent des jours sur les bureaux",
            "les pièces justificatives arrivent par courrier et se perdent",
            "chaque demande interne passe par un formulaire imprimé",
        ],
        [
            "Signer électroniquement les actes courants",
            "Un parapheur électronique pour tous les services",
            "Dématérialiser les bons de commande",
            "Zéro papier pour les notes de frais",
            "Recevoir les pièces justificatives en ligne",
            "Ne plus ressaisir les données entre logiciels métier",
            "Un seul identifiant pour tous nos outils",
            "Archiver les dossiers sous forme numérique",
            "Des formulaires internes en ligne plutôt qu’imprimés",
            "Partager les agendas entre services",
            "Numériser le courrier entrant dès son arrivée",
            "Suivre l’avancement d’un dossier en ligne",
            "Envoyer les convocations par courriel",
            "Dématérialiser les demandes de congés",
            "Des modèles de documents partagés et à jour",
            "Un annuaire interne fiable et en ligne",
            "Dématérialiser les factures des fournisseurs",
            "Un espace de stockage commun plutôt que des clés USB",
            "Valider les devis en ligne",
            "Dématérialiser les dossiers des assistants familiaux",
            "Des visioconférences simples pour les réunions entre sites",
            "Un outil de réservation des salles en ligne",
            "Dématérialiser le registre des délibérations",
            "Automatiser les accusés de réception",
            "Un tableau de bord des délais de traitement",
            "Mettre en ligne le suivi des subventions",
            "Des signatures en ligne pour les contrats des assistants familiaux",
            "Une messagerie instantanée pour les questions rapides",
            "Dématérialiser les ordres de mission",
            "Commander les fournitures en ligne, sans bon papier",
        ],
    ),
    (
        "relations-aux-usagers",
        "Relations aux usagers",
        [
            "les usagers doivent fournir plusieurs fois les mêmes documents",
            "les courriers envoyés aux familles sont difficiles à comprendre",
            "l’usager ne sait pas où en est sa demande",
            "les horaires d’accueil ne conviennent pas aux personnes qui travaillent",
            "l’usager est renvoyé d’un service à l’autre",
        ],
        [
            "Des courriers écrits en langage clair",
            "Dites-le nous une fois : ne plus redemander les mêmes pièces",
            "Informer l’usager de l’avancement de sa demande par SMS",
            "Un numéro unique pour joindre le Département",
            "Des rendez-vous en ligne dans les UTPAS",
            "Élargir les horaires d’accueil un soir par semaine",
            "Un référent unique pour les familles suivies",
            "Des formulaires pré-remplis avec ce que l’on sait déjà",
            "Répondre aux courriels des usagers sous 48 heures",
            "Un accueil sans rendez-vous pour les démarches simples",
            "Traduire les documents essentiels en plusieurs langues",
            "Des permanences dans les mairies des petites communes",
            "Un guide des aides départementales en une page",
            "Accompagner les usagers éloignés du numérique",
            "Envoyer un rappel avant chaque rendez-vous",
            "Expliquer les refus et les voies de recours simplement",
            "Recueillir l’avis des usagers après chaque démarche",
            "Accepter les photos de justificatifs prises au téléphone",
            "Un espace d’attente accueillant pour les enfants",
            "Simplifier le dossier de demande d’aide à domicile",
            "Un chat en ligne pour les questions simples",
            "Prévenir les usagers avant la fin de leurs droits",
            "Des affiches claires dans les lieux d’accueil",
            "Un seul dossier pour plusieurs aides",
            "Des ateliers numériques pour les bénéficiaires du RSA",
            "Réduire les délais de réponse aux familles d’accueil",
            "Un courrier de bienvenue pour les nouveaux bénéficiaires",
            "Associer des usagers à la refonte des formulaires",
            "Visio-rendez-vous pour les personnes à mobilité réduite",
            "Des agents d’accueil formés à toutes les aides",
        ],
    ),
    (
        "delegation-de-responsabilites",
        "Délégation de responsabilités",
        [
            "une décision simple remonte plusieurs niveaux hiérarchiques",
            "les assistants familiaux attendent une autorisation pour des actes du quotidien",
            "les circuits de validation comptent trop d’étapes",
            "les chefs de service signent des documents qu’ils ne peuvent pas vérifier",
            "les équipes de terrain connaissent mieux la situation que ceux qui décident",
        ],
        [
            "Laisser les assistants familiaux signer les actes du quotidien",
            "Déléguer les aides d’urgence aux responsables d’UTPAS",
            "Un seul niveau de validation pour les petites dépenses",
            "Autoriser les sorties scolaires sans accord du siège",
            "Des délégations de signature claires et publiées",
            "Faire confiance aux équipes pour les achats de moins de 500 euros",
            "Valider les congés au niveau de l’équipe",
            "Confier aux travailleurs sociaux les décisions simples",
            "Supprimer les visas qui n’ajoutent rien",
            "Un circuit court pour les demandes urgentes",
            "Laisser les collèges gérer leurs petits travaux",
            "Responsabiliser les chefs de projet sur leur budget",
            "Déléguer la signature des attestations courantes",
            "Donner aux agents d’accueil le pouvoir de régler les cas simples",
            "Des contrôles a posteriori plutôt qu’a priori",
            "Autoriser les coupes de cheveux et soins courants sans autorisation écrite",
            "Simplifier l’accord pour les séjours de vacances des enfants confiés",
            "Alléger le circuit de validation des AMASES",
            "Un droit à l’expérimentation pour les équipes",
            "Décider au plus près du terrain pour les secours d’urgence",
            "Revoir les seuils de délégation chaque année",
            "Des binômes pour décider en l’absence du responsable",
            "Laisser les équipes choisir leurs outils",
            "Confier aux assistants familiaux l’inscription aux activités",
            "Moins de réunions de validation, plus de décisions écrites",
            "Clarifier qui décide quoi dans un tableau unique",
            "Autoriser les déplacements sans ordre de mission préalable",
            "Déléguer les réponses aux courriers simples",
            "Faire confiance aux éducateurs pour l’argent de poche",
            "Un circuit court pour la carte de transport des enfants accueillis",
        ],
    ),
    (
        "services-aux-agents",
        "Services aux agents",
        [
            "les nouveaux agents mettent des semaines à avoir un poste de travail",
            "les questions de paie et de carrière restent sans réponse",
            "les formations sont difficiles à trouver et à demander",
            "les agents perdent du temps en déplacements entre sites",
            "les informations internes sont éparpillées",
        ],
        [
            "Un parcours d’accueil unique pour les nouveaux agents",
            "Un poste de travail prêt dès le premier jour",
            "Un guichet unique des ressources humaines",
            "Développer le télétravail pour les métiers qui le permettent",
            "Des espaces de travail partagés dans les territoires",
            "Un catalogue des formations en ligne",
            "S’inscrire aux formations en un clic",
            "Un intranet où l’on trouve l’information",
            "Des réponses aux questions de paie sous une semaine",
            "Un simulateur de carrière pour les agents",
            "Rembourser les frais de déplacement plus vite",
            "Des véhicules de service réservables en ligne",
            "Un tutorat pour les agents qui changent de poste",
            "Une foire aux questions des RH tenue à jour",
            "Des horaires variables dans tous les services",
            "Un espace de partage de bonnes pratiques",
            "Faciliter la mobilité interne entre directions",
            "Des formations courtes au numérique pour tous",
            "Un assistant informatique joignable rapidement",
            "Des ordinateurs portables pour les agents de terrain",
            "Simplifier la demande de matériel",
            "Un accueil commun pour les agents des sites éloignés",
            "Un calendrier unique des réunions de direction",
            "Reconnaître les idées des agents qui simplifient",
            "Des salles de pause dans tous les bâtiments",
            "Faciliter le covoiturage entre agents",
            "Un entretien annuel dématérialisé et plus court",
            "Des badges qui ouvrent tous les bâtiments",
            "Un correspondant handicap dans chaque direction",
            "Former les managers au co-design",
        ],
    ),
]

# title, description, theme slug, initiative slug in the catalogue (or "").
NORD_SUBJECTS = [
    (
        "Simplifier les actes du quotidien des enfants confiés à l’ASE",
        "Gagner en réactivité, faciliter la vie quotidienne des enfants accueillis et leur prise "
        "en charge par les assistants familiaux, éviter la multiplication des démarches ; pour "
        "l’enfant, favoriser son inclusion et limiter toute forme de stigmatisation.",
        "delegation-de-responsabilites",
        "nord-actes-du-quotidien-enfants-confies-ase",
    ),
    (
        "Gérer plus simplement les aides d’urgence instruites en UTPAS",
        "Gagner en rapidité et en simplicité pour les demandes d’Allocations mensuelles d’aide "
        "sociale à l’enfance (AMASES) : normaliser le circuit allégé pendant le premier "
        "confinement, faciliter la transmission des pièces justificatives, alléger l’analyse "
        "et la validation des dossiers.",
        "delegation-de-responsabilites",
        "nord-aides-d-urgence-amases-en-utpas",
    ),
    (
        "Un parapheur et une signature électroniques pour les actes courants",
        "Sujet fictif de démonstration : supprimer les circuits papier des actes courants.",
        "e-administration",
        "nord-parapheur-electronique-actes-courants-demonstration",
    ),
    (
        "Un parcours d’accueil unique pour les nouveaux agents",
        "Sujet fictif de démonstration : un poste, des accès et un accompagnement dès le "
        "premier jour.",
        "services-aux-agents",
        "nord-parcours-accueil-nouveaux-agents-demonstration",
    ),
]
# Where the workshops take place, as Agenda events: on site (venue, INSEE code of the
# commune) or online with the connection link.
WORKSHOP_PLACES = [
    {"mode": "onsite", "venue": "Hôtel du Département", "commune": "59350"},  # Lille
    {"mode": "onsite", "venue": "UTPAS de Roubaix", "commune": "59512"},
    {"mode": "online", "online_url": "https://webinaire.exemple.fr/simplificathon-nord-atelier"},
]
# Three workshops per subject « du 23 novembre au 3 décembre » (press kit), after the
# selection (9 to 20 November). The AMASES days are those the Département announced (23 and
# 26 November, 3 December, 14:00); the other days and hours are plausible. These workshops
# are the Agenda's only copy of them: the Mois 2020 aggregates the Département's agenda. Per
# subject, in NORD_SUBJECTS order: (short label for the workshop titles, what was worked on,
# [(month, day, hour, index in WORKSHOP_PLACES)]).
NORD_WORKSHOPS = [
    (
        "actes du quotidien des enfants confiés",
        "les autorisations demandées pour les actes du quotidien d’un enfant confié",
        [(11, 24, 14, 0), (11, 27, 14, 0), (12, 2, 14, 2)],
    ),
    (
        "aides d’urgence en UTPAS",
        "l’instruction d’une demande d’AMASES, de la pièce justificative à la validation",
        [(11, 23, 14, 1), (11, 26, 14, 1), (12, 3, 14, 2)],
    ),
    (
        "parapheur et signature électroniques",
        "le circuit de signature d’un acte courant, du rédacteur au signataire",
        [(11, 25, 10, 2), (11, 30, 10, 2), (12, 2, 10, 2)],
    ),
    (
        "accueil des nouveaux agents",
        "les premiers jours d’un nouvel agent, de l’arrêté de recrutement au poste de travail",
        [(11, 24, 10, 0), (11, 27, 10, 0), (12, 1, 14, 2)],
    ),
]
# Minutes of the n-th workshop of a subject; {topic} is the subject's second item above.
WORKSHOP_MINUTES = [
    "Cartographie : agents volontaires et usagers ont décrit pas à pas {topic}, puis repéré "
    "les étapes sans valeur ajoutée et les doubles saisies. (Compte rendu fictif, "
    "démonstration.)",
    "Idées : les participants ont dessiné un parcours simplifié pour {topic} et choisi trois "
    "pistes à maquetter avant l’atelier suivant. (Compte rendu fictif, démonstration.)",
    "Test : la maquette a été essayée par des agents et des usagers qui n’avaient pas "
    "participé ; la direction concernée s’engage sur un calendrier, présenté à la restitution "
    "du 4 décembre. (Compte rendu fictif, démonstration.)",
]
# Catalogue initiatives of the two fictional subjects (the two real ones come from the
# catalogue's seeds): slug → fields, `steps` [(stage, (y, m, d), note)] as in the catalogue.
NORD_FOLLOWUP_INITIATIVES = {
    "nord-parapheur-electronique-actes-courants-demonstration": {
        "title": "Un parapheur électronique pour les actes courants (démonstration)",
        "pitch": "Initiative fictive de démonstration, issue du Simplificathon du Nord : les "
        "actes courants sont signés en ligne, sans circuit papier.",
        "problem": "<p>Exemple fictif. Un acte courant passe de bureau en bureau sur papier "
        "avant d’être signé : des jours d’attente et des originaux égarés.</p>",
        "solution": "<p>Exemple fictif. Un parapheur électronique partagé par les services et "
        "une signature électronique pour les délégataires, conçus en trois ateliers avec les "
        "agents.</p>",
        "beneficiaries": ["agents", "citizens"],
        "steps": [
            ("idea", (2020, 11, 20), "Sujet retenu par le jury du Simplificathon."),
            ("prototype", (2020, 12, 2), "Circuit de signature maquetté en atelier."),
        ],
    },
    "nord-parcours-accueil-nouveaux-agents-demonstration": {
        "title": "Un parcours d’accueil unique pour les nouveaux agents (démonstration)",
        "pitch": "Initiative fictive de démonstration, issue du Simplificathon du Nord : un "
        "poste, des accès et un accompagnement prêts dès le premier jour.",
        "problem": "<p>Exemple fictif. Un nouvel agent attend parfois plusieurs semaines son "
        "ordinateur, ses accès et ses badges.</p>",
        "solution": "<p>Exemple fictif. Un parcours unique, déclenché par l’arrêté de "
        "recrutement, qui prévient chaque service concerné, essayé dans deux directions.</p>",
        "beneficiaries": ["agents"],
        "steps": [
            ("idea", (2020, 11, 20), "Sujet retenu par le jury du Simplificathon."),
            ("experiment", (2021, 3, 1), "Parcours essayé dans deux directions."),
        ],
    },
}

DINUM_QUESTION = "À quelles données publiques rêvez-vous d’avoir accès ?"
DINUM_CONTEXT = (
    "Dans le cadre du Mois de l’innovation publique, la DINUM recueille les demandes d’accès à "
    "des données publiques et les services que les administrations, collectivités, "
    "entreprises, associations et citoyens ambitionnent de construire grâce à ces données. "
    "Les contributions sont récoltées tout au long du mois de novembre ; une synthèse "
    "présentera les grandes tendances de cet appel à idées.\n\n"
    "Données de démonstration : les propositions affichées ici sont fictives."
)
DINUM_THEMES = [
    ("mobilite", "Transports et mobilité"),
    ("environnement", "Environnement et énergie"),
    ("sante-social", "Santé et social"),
    ("economie", "Entreprises et économie"),
    ("territoires", "Territoires et services publics locaux"),
]
# title, body, theme slug.
DINUM_PROPOSALS = [
    (
        "Les horaires en temps réel de tous les bus et cars",
        "Pour construire un calculateur d’itinéraire qui marche aussi hors des grandes villes.",
        "mobilite",
    ),
    (
        "Les places de stationnement adaptées aux personnes handicapées",
        "Une carte nationale des places réservées, pour les applications de navigation.",
        "mobilite",
    ),
    (
        "Les bornes de recharge pour véhicules électriques et leur disponibilité",
        "Savoir avant de partir où recharger, et si la borne fonctionne.",
        "mobilite",
    ),
    (
        "La consommation d’énergie des bâtiments publics",
        "Comparer les écoles et les mairies et suivre les économies d’énergie.",
        "environnement",
    ),
    (
        "La qualité de l’eau du robinet commune par commune",
        "Publier les analyses sous une forme réutilisable, pas seulement en PDF.",
        "environnement",
    ),
    (
        "Les données de qualité de l’air à l’échelle du quartier",
        "Pour prévenir les personnes fragiles lors des pics de pollution.",
        "environnement",
    ),
    (
        "Les délais d’attente aux urgences des hôpitaux",
        "Afficher le temps d’attente estimé pour orienter les patients.",
        "sante-social",
    ),
    (
        "Les places disponibles en crèche",
        "Un service qui aide les parents à trouver une place près de chez eux.",
        "sante-social",
    ),
    (
        "Les aides sociales auxquelles j’ai droit, avec leurs règles",
        "Les règles de calcul ouvertes pour des simulateurs fiables et lutter contre le "
        "non-recours.",
        "sante-social",
    ),
    (
        "Les marchés publics attribués et leurs montants",
        "Pour que les PME repèrent les marchés qui les concernent.",
        "economie",
    ),
    (
        "Les créations et fermetures de commerces par commune",
        "Pour suivre la vitalité des centres-villes.",
        "economie",
    ),
    (
        "Les subventions versées aux associations",
        "Qui reçoit quoi, de quelle collectivité, pour quel projet.",
        "territoires",
    ),
    (
        "Les horaires d’ouverture de tous les services publics",
        "Une base unique et à jour des horaires des mairies, CAF et bureaux de poste.",
        "territoires",
    ),
    (
        "Les délibérations des conseils municipaux",
        "Les décisions des communes publiées dans un format ouvert et cherchable.",
        "territoires",
    ),
    (
        "Les travaux de voirie prévus dans ma commune",
        "Anticiper les fermetures de rues et les déviations.",
        "mobilite",
    ),
]

SPACE_DESCRIPTION = (
    "Lauréat de l’appel à projets « participation citoyenne » de la DITP, « Citoyens en "
    "communs » est né de la volonté de onze acteurs (administrations de l’État, collectivités, "
    "associations…) de construire un commun pour amplifier les pratiques de participation "
    "citoyenne : une plateforme commune qui accueille plusieurs projets complémentaires, sur le "
    "développement durable, l’engagement associatif et des jeunes, et la cohésion sociale. "
    "Démonstration : les partenaires affichés sont des organisations de la démonstration."
)
SPACE_PARTNERS = [
    "siilab",
    "drjscs-hauts-de-france",
    "sgar-hauts-de-france",
    "dreal-hauts-de-france",
    "departement-du-nord",
    "cress-hauts-de-france",
    "les-assembleurs",
    "pop",
    "mission-locale-de-lille",
    "direccte-hauts-de-france",
    "urssaf-nord-pas-de-calais",
]
# slug, title, question, organisations, themes, proposals (title, body, theme slug). The first
# campaign is in its « sélection » phase (`demo.SPACE_JURY_SLUG`), the second open for proposals.
SPACE_CAMPAIGNS = [
    (
        "developpement-durable-quartiers",
        "Développement durable : agir ensemble dans nos quartiers",
        "Quelles actions concrètes pour rendre nos quartiers plus durables ?",
        ["dreal-hauts-de-france", "siilab"],
        [("energie", "Énergie"), ("dechets", "Déchets et réemploi"), ("nature", "Nature en ville")],
        [
            (
                "Des composteurs partagés au pied des immeubles",
                "Réduire les déchets et produire du compost pour les jardins partagés.",
                "dechets",
            ),
            (
                "Une ressourcerie dans chaque quartier",
                "Réparer et revendre plutôt que jeter les objets encore utiles.",
                "dechets",
            ),
            (
                "Végétaliser les cours d’école",
                "Des cours plus fraîches l’été, ouvertes aux habitants le week-end.",
                "nature",
            ),
            (
                "Des panneaux solaires citoyens sur les toits des écoles",
                "Une coopérative d’habitants finance les panneaux ; l’électricité produite "
                "alimente l’école et le surplus est revendu au profit du quartier.",
                "energie",
            ),
            (
                "Un défi « Familles à énergie positive » dans chaque quartier",
                "Des équipes de voisins, accompagnées par un conseiller, qui réduisent leurs "
                "factures d’énergie d’un hiver à l’autre.",
                "energie",
            ),
            (
                "Des permis de végétaliser les trottoirs",
                "Laisser les habitants planter et entretenir les pieds d’arbres et des bacs "
                "devant chez eux, avec une charte simple.",
                "nature",
            ),
        ],
    ),
    (
        "engagement-des-jeunes",
        "Engagement des jeunes : qu’est-ce qui vous donnerait envie de vous engager ?",
        "Qu’est-ce qui vous donnerait envie de vous engager dans une association ?",
        ["mission-locale-de-lille", "cress-hauts-de-france"],
        [("associations", "Vie associative"), ("citoyennete", "Citoyenneté")],
        [
            (
                "Des missions courtes pour découvrir une association",
                "S’engager quelques heures sans promettre une année entière.",
                "associations",
            ),
            (
                "Reconnaître l’engagement dans les études",
                "Des crédits ou un certificat pour le temps donné aux associations.",
                "citoyennete",
            ),
        ],
    ),
]
# The jury of the campaign in its « sélection » phase: its grid, a fictional DREAL agent who
# has already scored, and what the demo juror declared.
SPACE_CRITERIA = [
    ("Effet sur l’environnement", "Déchets évités, énergie économisée, nature en ville."),
    ("Faisabilité", "Avec les moyens des partenaires, dans l’année."),
    ("Place des habitants", "Les habitants la portent et y participent."),
]
SPACE_JURY_AGENT = ("helene.caron", "Hélène", "Caron")
# proposal title: (scores of the DREAL agent, scores of the SIILAB administrator or None).
SPACE_SCORES = {
    "Des composteurs partagés au pied des immeubles": ([4, 5, 5], [4, 4, 5]),
    "Une ressourcerie dans chaque quartier": ([4, 3, 4], None),
    "Végétaliser les cours d’école": ([5, 3, 4], [5, 2, 4]),
    "Des panneaux solaires citoyens sur les toits des écoles": ([4, 2, 3], None),
}
SPACE_CONFLICT = (
    "Une ressourcerie dans chaque quartier",
    "Je suis bénévole à la ressourcerie de mon quartier, qui pourrait porter le projet.",
)
