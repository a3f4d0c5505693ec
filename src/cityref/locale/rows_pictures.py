"""Interface strings of the pictures (``/model`` and the city dashboards): English, then fr, es, de, it."""

T: dict[str, tuple[str, str, str, str]] = {
    "%(components)d components, %(groups)d process groups, %(practices)d practices and %(risks)d key risks, with "
    "%(linkages)d linkages drawn as arrows from each part to the part it depends on.": (
        "%(components)d composantes, %(groups)d groupes de processus, %(practices)d pratiques et %(risks)d risques "
        "clés, avec %(linkages)d liens dessinés comme des flèches allant de chaque partie vers celle dont elle dépend.",
        "%(components)d componentes, %(groups)d grupos de procesos, %(practices)d prácticas y %(risks)d riesgos "
        "clave, con %(linkages)d vínculos dibujados como flechas que van de cada parte a aquella de la que depende.",
        "%(components)d Komponenten, %(groups)d Prozessgruppen, %(practices)d Praktiken und %(risks)d "
        "Hauptrisiken, dazu %(linkages)d Verknüpfungen als Pfeile von jedem Teil zu dem Teil, von dem er abhängt.",
        "%(components)d componenti, %(groups)d gruppi di processi, %(practices)d pratiche e %(risks)d rischi "
        "chiave, con %(linkages)d collegamenti disegnati come frecce da ogni parte verso quella da cui dipende.",
    ),
    "%(source)s depends on %(target)s": (
        "%(source)s dépend de %(target)s",
        "%(source)s depende de %(target)s",
        "%(source)s hängt von %(target)s ab",
        "%(source)s dipende da %(target)s",
    ),
    "Component": ("Composante", "Componente", "Komponente", "Componente"),
    "Depends on": ("Dépend de", "Depende de", "Hängt ab von", "Dipende da"),
    "Download the linkages (CSV)": (
        "Télécharger les liens (CSV)",
        "Descargar los vínculos (CSV)",
        "Verknüpfungen herunterladen (CSV)",
        "Scarica i collegamenti (CSV)",
    ),
    "Download the picture (SVG)": (
        "Télécharger l'image (SVG)",
        "Descargar la imagen (SVG)",
        "Bild herunterladen (SVG)",
        "Scarica l'immagine (SVG)",
    ),
    "Key risk": ("Risque clé", "Riesgo clave", "Hauptrisiko", "Rischio chiave"),
    "key risk": ("risque clé", "riesgo clave", "Hauptrisiko", "rischio chiave"),
    "Linkages": ("Liens", "Vínculos", "Verknüpfungen", "Collegamenti"),
    "Name": ("Nom", "Nombre", "Name", "Nome"),
    "Outline of the model": ("Plan du modèle", "Esquema del modelo", "Gliederung des Modells", "Schema del modello"),
    "Part": ("Partie", "Parte", "Teil", "Parte"),
    "Practice": ("Pratique", "Práctica", "Praktik", "Pratica"),
    "Process group": ("Groupe de processus", "Grupo de procesos", "Prozessgruppe", "Gruppo di processi"),
    "Reason": ("Raison", "Motivo", "Grund", "Motivo"),
    "The operating model": (
        "Le modèle opérationnel",
        "El modelo operativo",
        "Das Betriebsmodell",
        "Il modello operativo",
    ),
    "The parts of the operating model and how they depend on each other, drawn from the ontology. Each box links "
    "to the page of its term; the outline and the table below the picture say the same in words.": (
        "Les parties du modèle opérationnel et leurs dépendances mutuelles, dessinées à partir de l'ontologie. "
        "Chaque cadre mène à la page de son terme ; le plan et le tableau sous l'image disent la même chose en mots.",
        "Las partes del modelo operativo y cómo dependen unas de otras, dibujadas a partir de la ontología. Cada "
        "recuadro enlaza con la página de su término; el esquema y la tabla bajo la imagen dicen lo mismo con "
        "palabras.",
        "Die Teile des Betriebsmodells und ihre Abhängigkeiten untereinander, aus der Ontologie gezeichnet. Jeder "
        "Kasten führt zur Seite seines Begriffs; Gliederung und Tabelle unter dem Bild sagen dasselbe in Worten.",
        "Le parti del modello operativo e come dipendono l'una dall'altra, disegnate a partire dall'ontologia. Ogni "
        "riquadro porta alla pagina del proprio termine; lo schema e la tabella sotto l'immagine dicono lo stesso a "
        "parole.",
    ),
    "The smart city operating model": (
        "Le modèle opérationnel de la ville intelligente",
        "El modelo operativo de la ciudad inteligente",
        "Das Smart-City-Betriebsmodell",
        "Il modello operativo della città intelligente",
    ),
    "What each part depends on, and why": (
        "Ce dont dépend chaque partie, et pourquoi",
        "De qué depende cada parte, y por qué",
        "Wovon jeder Teil abhängt, und warum",
        "Da che cosa dipende ogni parte, e perché",
    ),
    "components, practices, key risks and their linkages, as a picture": (
        "composantes, pratiques, risques clés et leurs liens, en image",
        "componentes, prácticas, riesgos clave y sus vínculos, en imagen",
        "Komponenten, Praktiken, Hauptrisiken und ihre Verknüpfungen als Bild",
        "componenti, pratiche, rischi chiave e i loro collegamenti, in un'immagine",
    ),
    "depends on (dashed, on the left: a part further up)": (
        "dépend de (en tirets, à gauche : une partie plus haut)",
        "depende de (discontinua, a la izquierda: una parte más arriba)",
        "hängt ab von (gestrichelt, links: ein Teil weiter oben)",
        "dipende da (tratteggiata, a sinistra: una parte più in alto)",
    ),
    "depends on (solid, on the right: a part further down)": (
        "dépend de (en trait plein, à droite : une partie plus bas)",
        "depende de (continua, a la derecha: una parte más abajo)",
        "hängt ab von (durchgezogen, rechts: ein Teil weiter unten)",
        "dipende da (continua, a destra: una parte più in basso)",
    ),
}
