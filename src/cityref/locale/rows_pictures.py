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
    "%(count)d risks of the city's register placed by likelihood and impact (1 to 5); the score is their product.": (
        "%(count)d risques du registre de la ville placés selon leur probabilité et leur impact (de 1 à 5) ; le "
        "score est leur produit.",
        "%(count)d riesgos del registro de la ciudad situados según su probabilidad y su impacto (de 1 a 5); la "
        "puntuación es su producto.",
        "%(count)d Risiken aus dem Risikoregister der Stadt, nach Eintrittswahrscheinlichkeit und Auswirkung (1 bis "
        "5) eingeordnet; die Bewertung ist ihr Produkt.",
        "%(count)d rischi del registro della città collocati per probabilità e impatto (da 1 a 5); il punteggio è il "
        "loro prodotto.",
    ),
    "%(needs)d interoperability needs between %(parties)d systems and parties, by layer and status.": (
        "%(needs)d besoins d'interopérabilité entre %(parties)d systèmes et parties, par couche et par état.",
        "%(needs)d necesidades de interoperabilidad entre %(parties)d sistemas y partes, por capa y estado.",
        "%(needs)d Interoperabilitätsbedarfe zwischen %(parties)d Systemen und Beteiligten, nach Ebene und Stand.",
        "%(needs)d esigenze di interoperabilità tra %(parties)d sistemi e soggetti, per livello e stato.",
    ),
    "%(picture)s: the data": (
        "%(picture)s : les données",
        "%(picture)s: los datos",
        "%(picture)s: die Daten",
        "%(picture)s: i dati",
    ),
    "%(source)s contributes to %(target)s": (
        "%(source)s contribue à %(target)s",
        "%(source)s contribuye a %(target)s",
        "%(source)s trägt bei zu %(target)s",
        "%(source)s contribuisce a %(target)s",
    ),
    "Assessment": ("Évaluation", "Evaluación", "Bewertung", "Valutazione"),
    "Baseline": ("Valeur de départ", "Valor de partida", "Ausgangswert", "Valore di partenza"),
    "Benefit map": ("Carte des bénéfices", "Mapa de beneficios", "Nutzenlandkarte", "Mappa dei benefici"),
    "Comment": ("Commentaire", "Comentario", "Anmerkung", "Commento"),
    "Contributes to": ("Contribue à", "Contribuye a", "Trägt bei zu", "Contribuisce a"),
    "Date": ("Date", "Fecha", "Datum", "Data"),
    "Dimension": ("Dimension", "Dimensión", "Dimension", "Dimensione"),
    "Download the data (CSV)": (
        "Télécharger les données (CSV)",
        "Descargar los datos (CSV)",
        "Daten herunterladen (CSV)",
        "Scarica i dati (CSV)",
    ),
    "EIF layer": ("Couche de l'EIF", "Capa del EIF", "EIF-Ebene", "Livello EIF"),
    "EIF layer (tint and letter)": (
        "Couche de l'EIF (teinte et lettre)",
        "Capa del EIF (tono y letra)",
        "EIF-Ebene (Farbton und Buchstabe)",
        "Livello EIF (tinta e lettera)",
    ),
    "From": ("De", "Desde", "Von", "Da"),
    "Highest: %(label)s (%(score)d).": (
        "Le plus élevé : %(label)s (%(score)d).",
        "El más alto: %(label)s (%(score)d).",
        "Am höchsten: %(label)s (%(score)d).",
        "Il più alto: %(label)s (%(score)d).",
    ),
    "Impact": ("Impact", "Impacto", "Auswirkung", "Impatto"),
    "In no need: %(names)s.": (
        "Dans aucun besoin : %(names)s.",
        "En ninguna necesidad: %(names)s.",
        "In keinem Bedarf: %(names)s.",
        "In nessuna esigenza: %(names)s.",
    ),
    "Indicator": ("Indicateur", "Indicador", "Indikator", "Indicatore"),
    "Interoperability matrix": (
        "Matrice d'interopérabilité",
        "Matriz de interoperabilidad",
        "Interoperabilitätsmatrix",
        "Matrice di interoperabilità",
    ),
    "Latest": ("Dernière mesure", "Última medición", "Letzter Messwert", "Ultima misura"),
    "Likelihood": ("Probabilité", "Probabilidad", "Eintrittswahrscheinlichkeit", "Probabilità"),
    "Maturity radar": ("Radar de maturité", "Radar de madurez", "Reifegradnetz", "Radar della maturità"),
    "Need": ("Besoin", "Necesidad", "Bedarf", "Esigenza"),
    "No maturity assessment of this city yet.": (
        "Aucune évaluation de maturité de cette ville pour l'instant.",
        "Todavía no hay ninguna evaluación de madurez de esta ciudad.",
        "Für diese Stadt gibt es noch keine Reifegradbewertung.",
        "Non c'è ancora alcuna valutazione della maturità di questa città.",
    ),
    "No.": ("N°", "N.º", "Nr.", "N."),
    "Nothing recorded yet.": (
        "Rien n'est encore enregistré.",
        "Aún no hay nada registrado.",
        "Noch nichts erfasst.",
        "Ancora nulla di registrato.",
    ),
    "Pictures": ("Images", "Imágenes", "Bilder", "Immagini"),
    "Progress": ("Avancement", "Avance", "Fortschritt", "Avanzamento"),
    "Progress from baseline (left end) to target (right end); the share is written beside the bar.": (
        "Avancement de la valeur de départ (à gauche) à la cible (à droite) ; la part atteinte est écrite à côté de "
        "la barre.",
        "Avance desde el valor de partida (extremo izquierdo) hasta el objetivo (extremo derecho); la proporción "
        "figura junto a la barra.",
        "Fortschritt vom Ausgangswert (linkes Ende) zum Zielwert (rechtes Ende); der Anteil steht neben dem Balken.",
        "Avanzamento dal valore di partenza (a sinistra) all'obiettivo (a destra); la quota è scritta accanto alla "
        "barra.",
    ),
    "Rings: the stages of the model, 1 nearest the centre, %(top)s at the rim.": (
        "Anneaux : les stades du modèle, 1 au plus près du centre, %(top)s au bord.",
        "Anillos: las etapas del modelo, la 1 junto al centro, la %(top)s en el borde.",
        "Ringe: die Stufen des Modells, 1 nahe der Mitte, %(top)s am Rand.",
        "Anelli: gli stadi del modello, 1 vicino al centro, %(top)s sul bordo.",
    ),
    "Risk": ("Risque", "Riesgo", "Risiko", "Rischio"),
    "Risk heat map": (
        "Carte de chaleur des risques",
        "Mapa de calor de riesgos",
        "Risiko-Heatmap",
        "Mappa di calore dei rischi",
    ),
    "Rows: from; columns: to (numbered as the rows)": (
        "Lignes : de ; colonnes : vers (numérotées comme les lignes)",
        "Filas: desde; columnas: hacia (numeradas como las filas)",
        "Zeilen: von; Spalten: zu (nummeriert wie die Zeilen)",
        "Righe: da; colonne: verso (numerate come le righe)",
    ),
    "Score": ("Score", "Puntuación", "Punktzahl", "Punteggio"),
    "Stage": ("Stade", "Etapa", "Stufe", "Stadio"),
    "Stage name": ("Nom du stade", "Nombre de la etapa", "Name der Stufe", "Nome dello stadio"),
    "Stage reached on each dimension of the maturity model, from the assessment of %(date)s: %(ratings)s.": (
        "Stade atteint sur chaque dimension du modèle de maturité, selon l'évaluation du %(date)s : %(ratings)s.",
        "Etapa alcanzada en cada dimensión del modelo de madurez, según la evaluación del %(date)s: %(ratings)s.",
        "Erreichte Stufe in jeder Dimension des Reifegradmodells, laut der Bewertung vom %(date)s: %(ratings)s.",
        "Stadio raggiunto in ogni dimensione del modello di maturità, secondo la valutazione del %(date)s: "
        "%(ratings)s.",
    ),
    "Standard": ("Norme", "Norma", "Standard", "Standard"),
    "Standard missing": ("Norme manquante", "Falta una norma", "Standard fehlt", "Standard mancante"),
    "Status (shape)": ("État (forme)", "Estado (forma)", "Stand (Form)", "Stato (forma)"),
    "Step": ("Étape", "Paso", "Schritt", "Passo"),
    "Steps of the city's benefit map in each column (%(counts)s), each arrow to what a step contributes to; "
    "%(measured)d indicators show their progress against target.": (
        "Étapes de la carte des bénéfices de la ville par colonne (%(counts)s), chaque flèche allant vers ce à quoi "
        "une étape contribue ; %(measured)d indicateurs montrent leur avancement vers la cible.",
        "Pasos del mapa de beneficios de la ciudad por columna (%(counts)s), cada flecha hacia aquello a lo que "
        "contribuye un paso; %(measured)d indicadores muestran su avance respecto al objetivo.",
        "Schritte der Nutzenlandkarte der Stadt je Spalte (%(counts)s), jeder Pfeil zu dem, wozu ein Schritt "
        "beiträgt; %(measured)d Indikatoren zeigen ihren Fortschritt zum Zielwert.",
        "Passi della mappa dei benefici della città per colonna (%(counts)s), ogni freccia verso ciò a cui un passo "
        "contribuisce; %(measured)d indicatori mostrano il loro avanzamento rispetto all'obiettivo.",
    ),
    "Target": ("Cible", "Objetivo", "Zielwert", "Obiettivo"),
    "The city's own data read against the operating model, in four pictures. Each picture has its data in a table "
    "below it, and both can be downloaded.": (
        "Les données propres de la ville lues au regard du modèle opérationnel, en quatre images. Chaque image a ses "
        "données dans un tableau en dessous, et l'une comme l'autre peuvent être téléchargées.",
        "Los datos propios de la ciudad leídos a la luz del modelo operativo, en cuatro imágenes. Cada imagen tiene "
        "sus datos en una tabla debajo, y ambas pueden descargarse.",
        "Die eigenen Daten der Stadt, am Betriebsmodell gelesen, in vier Bildern. Unter jedem Bild stehen seine "
        "Daten in einer Tabelle; beides lässt sich herunterladen.",
        "I dati propri della città letti alla luce del modello operativo, in quattro immagini. Ogni immagine ha i "
        "suoi dati in una tabella sottostante, ed entrambe si possono scaricare.",
    ),
    "To": ("Vers", "Hacia", "Zu", "Verso"),
    "Unit": ("Unité", "Unidad", "Einheit", "Unità"),
    "not assessed": ("non évalué", "sin evaluar", "nicht bewertet", "non valutato"),
    "not rated": ("non noté", "sin calificar", "nicht eingestuft", "non classificato"),
    "The matrix draws the %(shown)d of %(total)d in the most needs; the table lists every need.": (
        "La matrice montre les %(shown)d sur %(total)d qui figurent dans le plus de besoins ; le tableau liste "
        "tous les besoins.",
        "La matriz muestra los %(shown)d de %(total)d que figuran en más necesidades; la tabla recoge todas las "
        "necesidades.",
        "Die Matrix zeigt die %(shown)d von %(total)d mit den meisten Bedarfen; die Tabelle führt jeden Bedarf auf.",
        "La matrice mostra i %(shown)d su %(total)d presenti nel maggior numero di esigenze; la tabella elenca "
        "tutte le esigenze.",
    ),
}
