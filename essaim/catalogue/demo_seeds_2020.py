"""Demo initiatives from the Mois de l'innovation publique 2020 press kit (Hauts-de-France).

Facts (places, dates, figures, partners) come from the press kit; the wording is the platform's
own. Plain typography here ("8 000", "« x »", " :"): `demo.typography` adds the French
non-breaking spaces when loading. Keys are described in `essaim.catalogue.demo`.
"""

import datetime as dt

SOURCE = "Dossier de presse du Mois de l’innovation publique 2020, Hauts-de-France"
PUBLISHED = dt.date(2020, 11, 2)
D = dt.date

INITIATIVES = [
    {
        "slug": "sdis-77-bilans-de-secours-sur-tablette",
        "title": "SDIS 77 : les bilans de secours transmis au SAMU depuis une tablette",
        "pitch": "Les sapeurs-pompiers de Seine-et-Marne dématérialisent les fiches bilans de "
        "secours à personne : saisies une fois sur tablette connectée, elles parviennent "
        "directement au SAMU.",
        "problem": "<p>Pendant un secours d’urgence à personne, les équipes recueillent des "
        "informations puis les répètent au téléphone pour les transmettre au SAMU. Chaque "
        "répétition allonge l’intervention et l’attente de la victime. Sur papier, les fiches "
        "sont en outre difficiles à exploiter et à archiver durablement.</p>",
        "solution": "<p>Dans un programme d’expérimentation lancé par la DITP, le SDIS 77 a "
        "mis en place dès le début de 2020 un protocole de dématérialisation : toutes les "
        "fiches bilans sont remplies sur tablette tactile connectée et transmises au SAMU "
        "sans ressaisie. Objectif : des délais de transmission plus courts entre partenaires "
        "et des informations plus complètes.</p>",
        "beneficiaries": ["citizens", "agents"],
        "themes": ["sante", "securite"],
        "carriers": ["sdis-77"],
        "place": ("commune", "77288"),
        "government_level": "departmental",
        "facet": "enhancement",
        "started_on": D(2020, 1, 6),
        "steps": [("experiment", D(2020, 1, 6), "Protocole d’expérimentation lancé à Melun.")],
    },
    {
        "slug": "tableau-d-accueil-confidentialite-le-mans",
        "title": "Le Tableau d’accueil confidentialité (TAC) du commissariat du Mans",
        "pitch": "Un accueil qui préserve la confidentialité des victimes de violences "
        "conjugales, intrafamiliales ou sexuelles et leur évite de raconter plusieurs fois "
        "les faits avant leur plainte.",
        "problem": "<p>Au commissariat du Mans, le dépôt de plainte manquait de discrétion : "
        "les victimes exposaient leur situation à l’accueil, puis la répétaient devant "
        "plusieurs interlocuteurs avant la plainte elle-même.</p>",
        "solution": "<p>Le capitaine de police Olivier Menchon a imaginé le TAC, un circuit de "
        "prise en charge qui garde confidentielle la démarche de la victime dès son arrivée "
        "et limite les déclarations répétées. Le dispositif est conçu pour être repris par "
        "tout service de police ou unité de gendarmerie.</p>",
        "lessons": "<p>Primé par le ministère de l’Intérieur (prix « Accueil et prise en "
        "charge des victimes »), le TAC montre qu’une idée d’agent, peu coûteuse, peut "
        "changer l’expérience des personnes les plus vulnérables.</p>",
        "beneficiaries": ["citizens", "agents"],
        "themes": ["securite", "justice"],
        "carriers": ["commissariat-du-mans"],
        "place": ("commune", "72181"),
        "government_level": "departmental",
        "facet": "enhancement",
        "steps": [("sustained", D(2020, 11, 2), "Dispositif en service et primé.")],
    },
    {
        "slug": "covidom-telesuivi-covid-19",
        "title": "Covidom : le télésuivi à domicile des patients atteints de la COVID-19",
        "pitch": "Une application qui permet à une équipe soignante de suivre chaque jour, à "
        "distance, les patients porteurs ou suspectés de COVID-19 restés chez eux.",
        "problem": "<p>Dès mars 2020, beaucoup de patients n’avaient pas besoin d’être "
        "hospitalisés mais devaient être surveillés ; les équipes ne pouvaient pas les revoir "
        "tous en consultation.</p>",
        "solution": "<p>Un professionnel de santé décide de l’inclusion du patient. Celui-ci "
        "répond chaque jour en ligne à un questionnaire médical, et l’équipe soignante "
        "exerce une surveillance rassurante à partir de ses réponses. Le service a été "
        "construit par une petite équipe pluridisciplinaire, en lien étroit avec l’AP-HP, "
        "avec l’appui de la DITP.</p>",
        "beneficiaries": ["citizens", "agents"],
        "themes": ["sante"],
        "carriers": ["ap-hp"],
        "place": ("commune", "75056"),
        "government_level": "hospital",
        "facet": "adaptive",
        "started_on": D(2020, 3, 2),
        "steps": [("scaling", D(2020, 3, 2), "Mis en service au début de l’épidémie.")],
    },
    {
        "slug": "test-indice-de-reparabilite",
        "title": "Tester l’indice de réparabilité auprès de 140 000 clients",
        "pitch": "Avant l’entrée en vigueur de l’indice de réparabilité, un test comportemental "
        "de grande ampleur a cherché la meilleure façon de l’afficher pour orienter les "
        "achats vers des appareils réparables.",
        "problem": "<p>Quand un appareil électronique tombe en panne, son propriétaire le jette "
        "sans même envisager de le réparer dans 62 % des cas.</p>",
        "solution": "<p>Le Commissariat général au développement durable a conçu un indice de "
        "réparabilité, obligatoire à partir de janvier 2021. La DITP et le ministère de la "
        "Transition écologique l’ont éprouvé avec les sciences comportementales : un test "
        "mené auprès de 140 000 clients de Darty entre décembre 2019 et février 2020, avec "
        "la Behavioural Insights Team.</p>",
        "beneficiaries": ["citizens", "companies"],
        "themes": ["environnement", "economie-et-entreprises"],
        "carriers": ["cgdd", "ditp"],
        "place": None,
        "government_level": "national",
        "facet": "mission_oriented",
        "started_on": D(2019, 12, 1),
        "steps": [
            ("experiment", D(2019, 12, 1), "Test auprès des clients d’une enseigne nationale."),
            ("scaling", D(2021, 1, 1), "Entrée en vigueur de l’indice de réparabilité."),
        ],
        "indicators": [
            ("Clients inclus dans le test", 140000, "clients", D(2020, 2, 29)),
            ("Appareils en panne jetés sans tentative de réparation", 62, "%", D(2020, 11, 2)),
        ],
    },
    {
        "slug": "les-assembleurs-hub-numerique-inclusif",
        "title": "Les Assembleurs, hub du numérique inclusif des Hauts-de-France",
        "pitch": "Un hub régional qui aide les intercommunalités à bâtir et animer leur "
        "stratégie d’inclusion numérique et qui fédère plus de 60 acteurs.",
        "problem": "<p>Les actions d’inclusion numérique sont éparpillées entre niveaux de "
        "territoire. Habitants à accompagner dans leurs démarches, commerçants et très petites "
        "entreprises frappés par la crise sanitaire peinent à trouver la bonne aide.</p>",
        "solution": "<p>Une offre d’accompagnement des intercommunalités : définir une "
        "stratégie locale, coordonner les actions, rendre la programmation visible, déployer "
        "des ateliers et former les professionnels. Le hub associe une entreprise sociale du "
        "numérique inclusif, POP, à la Région Hauts-de-France et à l’État, par le SIILAB. Il "
        "réunit lieux de médiation, réseaux associatifs, intercommunalités et départements, "
        "et accompagne aussi les acteurs éducatifs, associatifs et culturels.</p>",
        "beneficiaries": ["citizens", "agents", "local_authorities", "associations", "companies"],
        "themes": ["inclusion-numerique"],
        "carriers": ["les-assembleurs", "pop", "region-hauts-de-france"],
        "labs": ["siilab"],
        "place": ("region", "32"),
        "government_level": "regional",
        "facet": "enhancement",
        "steps": [("scaling", D(2020, 11, 2), "Plus de 60 acteurs régionaux réunis.")],
        "indicators": [("Acteurs régionaux réunis", 60, "acteurs", D(2020, 11, 2))],
    },
    {
        "slug": "faisons-simple-simplificathon-du-nord",
        "title": "« Faisons simple » : le Simplificathon du Département du Nord",
        "pitch": "Le Département du Nord a demandé à ses 8 000 agents quelles lourdeurs "
        "supprimer, puis a retravaillé les idées retenues en ateliers avec des agents "
        "volontaires et des usagers.",
        "problem": "<p>Des procédures trop lourdes freinent le travail quotidien des agents "
        "et ralentissent le service rendu aux habitants.</p>",
        "solution": "<p>Au lancement, une question posée à tous les agents : quelles mesures "
        "prendre pour éliminer les lourdeurs et rationaliser les procédures ? Les propositions "
        "portaient sur quatre thèmes : administration en ligne, relations aux usagers, "
        "délégation de responsabilités, services aux agents. Quatre sujets ont été retenus, "
        "chacun travaillé en trois ateliers animés par des agents formés au co-design. La "
        "démarche est conduite avec la Fabrik59, le laboratoire d’innovation interne du "
        "Département.</p>",
        "beneficiaries": ["agents", "citizens"],
        "themes": ["simplification", "ressources-humaines-publiques"],
        "carriers": ["departement-du-nord"],
        "labs": ["fabrik59"],
        "place": ("department", "59"),
        "government_level": "departmental",
        "facet": "enhancement",
        "started_on": D(2020, 10, 17),
        "steps": [("exploration", D(2020, 10, 17), "Simplificathon du 17 octobre au 4 décembre.")],
        "indicators": [
            ("Agents interrogés", 8000, "agents", D(2020, 10, 17)),
            ("Propositions spontanées", 120, "propositions", D(2020, 11, 2)),
            ("Sujets retenus", 4, "sujets", D(2020, 11, 2)),
        ],
    },
    {
        "slug": "nord-actes-du-quotidien-enfants-confies-ase",
        "title": "Simplifier les actes du quotidien des enfants confiés à l’ASE",
        "pitch": "Issue du Simplificathon du Nord, une piste pour que les démarches ordinaires "
        "des enfants confiés à l’aide sociale à l’enfance se règlent vite et au plus près.",
        "problem": "<p>Pour un enfant confié à l’aide sociale à l’enfance, le moindre acte de "
        "la vie courante peut exiger plusieurs démarches : des délais qui compliquent la vie "
        "des enfants et des assistants familiaux, et peuvent stigmatiser l’enfant.</p>",
        "solution": "<p>Revoir avec des agents volontaires et des usagers qui décide de quoi, "
        "pour gagner en réactivité, éviter les démarches en double et favoriser l’inclusion "
        "des enfants accueillis.</p>",
        "beneficiaries": ["citizens", "agents"],
        "themes": ["social", "simplification", "jeunesse"],
        "carriers": ["departement-du-nord"],
        "labs": ["fabrik59"],
        "place": ("department", "59"),
        "government_level": "departmental",
        "facet": "enhancement",
        "steps": [("idea", D(2020, 11, 2), "Sujet retenu parmi 120 propositions d’agents.")],
    },
    {
        "slug": "nord-aides-d-urgence-amases-en-utpas",
        "title": "Alléger l’instruction des aides d’urgence en UTPAS",
        "pitch": "Rendre durable l’instruction simplifiée des allocations mensuelles d’aide "
        "sociale à l’enfance (AMASES), essayée pendant le premier confinement.",
        "problem": "<p>Dans les unités territoriales de prévention et d’action sociale, les "
        "demandes d’AMASES suivaient un long circuit d’analyse et de validation, avec de "
        "nombreuses pièces à réunir.</p>",
        "solution": "<p>Le circuit, allégé lors du premier confinement, a été très apprécié. "
        "Des ateliers organisés du 23 novembre au 3 décembre 2020 préparent sa généralisation "
        "hors période de crise : transmission plus simple des pièces justificatives, analyse "
        "et validation raccourcies.</p>",
        "beneficiaries": ["citizens", "agents"],
        "themes": ["social", "simplification"],
        "carriers": ["departement-du-nord"],
        "labs": ["fabrik59"],
        "place": ("department", "59"),
        "government_level": "departmental",
        "facet": "adaptive",
        "started_on": D(2020, 3, 17),
        "steps": [
            ("experiment", D(2020, 3, 17), "Circuit allégé pendant le premier confinement."),
            ("prototype", D(2020, 11, 23), "Ateliers pour une procédure durable."),
        ],
    },
    {
        "slug": "nord-autonomie-formulaire-mdph-en-ligne",
        "title": "Nord autonomie : un formulaire MDPH en ligne, guidé et automatisé",
        "pitch": "La MDPH du Nord remplace la demande papier par un formulaire dématérialisé qui "
        "guide la personne jusqu’à un dossier complet et alimente directement l’outil des "
        "agents.",
        "problem": "<p>Pour saisir la maison départementale des personnes handicapées, il "
        "fallait remplir un formulaire papier puis l’envoyer avec les pièces justificatives. "
        "Un dossier incomplet retarde la réponse et la rend moins adaptée à la situation.</p>",
        "solution": "<p>Un formulaire en ligne, guidé et automatisé, complété par une aide "
        "interactive qui s’adapte à chaque situation, pour un dossier complet dès le premier "
        "envoi. Chaque demande saisie est enregistrée automatiquement dans IODAS, l’outil "
        "métier : le temps de ressaisie gagné va à des tâches plus utiles, et la collectivité "
        "économise impressions et courriers. Installé début novembre 2020 sur le portail de "
        "recette, le formulaire est en test.</p>",
        "beneficiaries": ["citizens", "agents"],
        "themes": ["handicap", "simplification", "solidarites-et-autonomie"],
        "carriers": ["mdph-du-nord", "departement-du-nord"],
        "place": ("commune", "59009"),
        "government_level": "departmental",
        "facet": "enhancement",
        "started_on": D(2020, 10, 1),
        "steps": [
            ("idea", D(2020, 10, 1), "Projet du pôle Modernisation de la MDPH."),
            ("prototype", D(2020, 11, 2), "Formulaire installé sur le portail de recette."),
        ],
    },
    {
        "slug": "plateforme-esshdf",
        "title": "#ESSHDF, la plateforme de l’économie sociale et solidaire en Hauts-de-France",
        "pitch": "Actualités, outils, offres d’emploi et appels à projets de l’économie sociale "
        "et solidaire réunis en un seul endroit, à deux clics.",
        "problem": "<p>L’information utile aux structures de l’économie sociale et solidaire est "
        "dispersée entre de nombreux acteurs. Pendant la crise sanitaire, leurs questions "
        "sur le modèle économique, la fonction employeur ou les interlocuteurs à appeler "
        "sont devenues pressantes.</p>",
        "solution": "<p>Un espace ressource animé par la CRESS Hauts-de-France et imaginé "
        "collectivement par les membres du SIILAB, avec l’État (DIRECCTE, DRJSCS, DREAL), "
        "l’URSSAF et la Chair’ESS.</p>",
        "beneficiaries": ["associations", "agents", "companies"],
        "themes": ["emploi", "economie-et-entreprises", "social"],
        "carriers": ["cress-hauts-de-france"],
        "labs": ["siilab"],
        "place": ("region", "32"),
        "government_level": "regional",
        "facet": "enhancement",
        "steps": [("scaling", D(2020, 11, 2), "Plateforme en ligne.")],
    },
    {
        "slug": "odeis-voicebot-cheque-emploi-associatif",
        "title": "Odéis, un assistant vocal pour le Chèque emploi associatif",
        "pitch": "L’URSSAF Nord – Pas-de-Calais expérimente un voicebot qui répond aux appels de "
        "premier niveau sur la ligne du Chèque emploi associatif.",
        "problem": "<p>Les questions simples occupent la ligne téléphonique dédiée au Chèque "
        "emploi associatif et retardent les réponses aux cas complexes.</p>",
        "solution": "<p>Odéis prend en charge les appels de premier niveau. Il est l’un des "
        "essais du Lab de l’URSSAF, qui co-construit ses services numériques avec les "
        "employeurs, les entrepreneurs, les partenaires et les collaborateurs du réseau.</p>",
        "beneficiaries": ["associations", "agents"],
        "themes": ["simplification", "emploi"],
        "carriers": ["urssaf-nord-pas-de-calais"],
        "labs": ["lab-urssaf-nord-pas-de-calais"],
        "place": ("region", "32"),
        "government_level": "regional",
        "facet": "anticipatory",
        "steps": [("experiment", D(2020, 11, 2), "Expérimentation sur la ligne dédiée.")],
    },
    {
        "slug": "citoyens-en-communs",
        "title": "Citoyens en communs",
        "pitch": "Onze acteurs des Hauts-de-France construisent une plateforme commune pour "
        "amplifier la participation citoyenne.",
        "problem": "<p>Administrations, collectivités et associations mènent chacune leurs "
        "démarches de participation avec leurs propres outils, sans mise en commun.</p>",
        "solution": "<p>Lauréat de l’appel à projets « participation citoyenne » de la DITP, "
        "le projet crée un commun : une plateforme partagée qui accueille des projets "
        "complémentaires sur le développement durable, l’engagement associatif et des "
        "jeunes, et la cohésion sociale. Séminaire de lancement à partir du 18 novembre "
        "2020.</p>",
        "beneficiaries": ["citizens", "associations", "local_authorities"],
        "themes": ["participation-citoyenne"],
        "carriers": ["siilab"],
        "place": ("region", "32"),
        "government_level": "regional",
        "facet": "mission_oriented",
        "started_on": D(2020, 11, 18),
        "funding": "Lauréat de l’appel à projets « participation citoyenne » de la DITP.",
        "steps": [("exploration", D(2020, 11, 18), "Séminaire de lancement.")],
        "indicators": [("Acteurs à l’origine du projet", 11, "acteurs", D(2020, 11, 18))],
    },
    {
        "slug": "refonte-du-credit-loisirs-lille",
        "title": "Repenser le Crédit-Loisirs de la Mission locale de Lille",
        "pitch": "Adapter à notre époque un dispositif trentenaire qui ouvre la culture aux "
        "habitants les plus modestes de la métropole lilloise.",
        "problem": "<p>Créé il y a 30 ans, le Crédit-Loisirs doit composer avec la baisse des "
        "aides publiques, l’évolution des publics bénéficiaires et les difficultés des "
        "acteurs culturels.</p>",
        "solution": "<p>Le 28 novembre 2020, la Mission locale de Lille et le SIILAB réunissent "
        "les parties prenantes pour une journée de travail collaboratif sur l’avenir du "
        "dispositif.</p>",
        "beneficiaries": ["citizens", "associations"],
        "themes": ["culture", "social", "jeunesse"],
        "carriers": ["mission-locale-de-lille"],
        "labs": ["siilab"],
        "place": ("commune", "59350"),
        "government_level": "municipal",
        "facet": "adaptive",
        "started_on": D(1990, 1, 1),
        "steps": [
            ("sustained", D(1990, 1, 1), "Le dispositif existe depuis une trentaine d’années."),
            ("exploration", D(2020, 11, 28), "Journée de travail pour le repenser."),
        ],
    },
    {
        "slug": "reserve-civique",
        "title": "La réserve civique, pour s’engager au service de l’intérêt général",
        "pitch": "Une plateforme qui met en relation les citoyens prêts à donner de leur temps "
        "avec des organisations publiques et des associations qui ont besoin d’aide.",
        "problem": "<p>Pendant la crise sanitaire, beaucoup de personnes voulaient aider, "
        "tandis que des associations et des services de première ligne manquaient de "
        "bras.</p>",
        "solution": "<p>La réserve civique relie ces bonnes volontés à des missions d’intérêt "
        "général proposées par des organisations publiques ou associatives : une illustration "
        "de l’État-plateforme, qui associe les citoyens à la mise en œuvre du service "
        "public.</p>",
        "beneficiaries": ["citizens", "associations"],
        "themes": ["participation-citoyenne", "social"],
        "carriers": [],
        "place": None,
        "government_level": "national",
        "facet": "adaptive",
        "steps": [("scaling", D(2020, 3, 16), "Mobilisation pendant la crise sanitaire.")],
    },
    {
        "slug": "handicap-droits-a-vie-et-garantie-delais",
        "title": "Droits à vie et garantie délais pour les personnes handicapées",
        "pitch": "Une concertation nationale a débouché sur des droits attribués à vie quand le "
        "handicap n’évolue pas et sur une garantie de délai pour les dossiers de compensation.",
        "problem": "<p>Les personnes dont le handicap n’évolue pas devaient renouveler leurs "
        "demandes à intervalles réguliers ; le traitement des demandes de compensation "
        "prenait un temps imprévisible.</p>",
        "solution": "<p>Pour le secrétariat d’État chargé des personnes handicapées, la DITP a "
        "organisé une consultation, des rencontres croisées entre agents de maisons "
        "départementales des personnes handicapées et une concertation avec tous les acteurs "
        "publics. Résultat : des droits à vie et une « garantie délais ».</p>",
        "beneficiaries": ["citizens", "agents"],
        "themes": ["handicap", "simplification", "solidarites-et-autonomie"],
        "carriers": ["secretariat-d-etat-personnes-handicapees", "ditp"],
        "place": None,
        "government_level": "national",
        "facet": "mission_oriented",
        "steps": [("scaling", D(2020, 11, 2), "Mesures décidées et mises en œuvre.")],
        "indicators": [
            ("Participants à la consultation", 10000, "participants", D(2020, 11, 2)),
            ("Agents réunis lors des rencontres croisées", 300, "agents", D(2020, 11, 2)),
            ("MDPH représentées", 16, "MDPH", D(2020, 11, 2)),
        ],
    },
    {
        "slug": "appel-a-idees-donnees-publiques",
        "title": "À quelles données publiques rêvez-vous d’avoir accès ?",
        "pitch": "Un appel à idées ouvert à tous pour recenser les données publiques attendues "
        "et les services que chacun voudrait construire avec elles.",
        "problem": "<p>Les administrations connaissent mal les données que collectivités, "
        "entreprises, associations et citoyens aimeraient voir ouvertes, et pour quoi "
        "faire.</p>",
        "solution": "<p>Pendant tout le mois de novembre 2020, la DINUM recueille les demandes "
        "par un formulaire en ligne ; une synthèse des grandes tendances est ensuite "
        "publiée.</p>",
        "beneficiaries": ["citizens", "companies", "associations", "local_authorities"],
        "themes": ["donnees-et-numerique", "participation-citoyenne"],
        "carriers": ["dinum"],
        "place": None,
        "government_level": "national",
        "facet": "anticipatory",
        "started_on": D(2020, 11, 1),
        "steps": [("exploration", D(2020, 11, 1), "Appel à idées ouvert.")],
    },
    {
        "slug": "incubateur-des-territoires",
        "title": "L’Incubateur des territoires",
        "pitch": "Aider les collectivités et leurs partenaires à créer des services publics "
        "numériques de qualité, à fort impact pour les usagers, et à les faire passer à "
        "l’échelle.",
        "problem": "<p>Une collectivité seule a du mal à concevoir un service numérique "
        "utile et, plus encore, à le partager avec d’autres territoires.</p>",
        "solution": "<p>Mis en place par l’ANCT à l’automne 2020, l’incubateur accompagne les "
        "collectivités qui rejoignent la démarche, de la création du service à son passage "
        "à l’échelle.</p>",
        "beneficiaries": ["local_authorities", "citizens"],
        "themes": ["donnees-et-numerique", "simplification"],
        "carriers": ["anct"],
        "place": None,
        "government_level": "national",
        "facet": "mission_oriented",
        "started_on": D(2020, 10, 1),
        "steps": [("experiment", D(2020, 10, 1), "Premières collectivités accompagnées.")],
    },
]
