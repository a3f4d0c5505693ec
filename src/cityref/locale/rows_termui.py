"""Interface strings of the term browser (``/browse``, the A–Z index, search results, the term page's sections,
the landing page's finder) and of the ontology documentation's contents and filter: English, then fr, es, de, it."""

T: dict[str, tuple[str, str, str, str]] = {
    "term page": ("page du terme", "página del término", "Begriffsseite", "pagina del termine"),
    "Contents by module": ("Sommaire par module", "Índice por módulo", "Inhalt nach Modul", "Indice per modulo"),
    "other": ("autre", "otro", "sonstige", "altro"),
    "Filter the terms on this page": (
        "Filtrer les termes de cette page",
        "Filtrar los términos de esta página",
        "Begriffe auf dieser Seite filtern",
        "Filtra i termini di questa pagina",
    ),
    "%(shown)s of %(total)s terms shown": (
        "%(shown)s termes affichés sur %(total)s",
        "%(shown)s de %(total)s términos mostrados",
        "%(shown)s von %(total)s Begriffen angezeigt",
        "%(shown)s termini mostrati su %(total)s",
    ),
    "%(count)s suggestions": (
        "%(count)s suggestions",
        "%(count)s sugerencias",
        "%(count)s Vorschläge",
        "%(count)s suggerimenti",
    ),
    "%(count)s terms": ("%(count)s termes", "%(count)s términos", "%(count)s Begriffe", "%(count)s termini"),
    "%(first)s–%(last)s of %(total)s terms": (
        "%(first)s–%(last)s sur %(total)s termes",
        "%(first)s–%(last)s de %(total)s términos",
        "%(first)s–%(last)s von %(total)s Begriffen",
        "%(first)s–%(last)s di %(total)s termini",
    ),
    "Arrows run from a part of the model to the part it depends on.": (
        "Les flèches vont d'une partie du modèle vers la partie dont elle dépend.",
        "Las flechas van de una parte del modelo a la parte de la que depende.",
        "Die Pfeile führen von einem Teil des Modells zu dem Teil, von dem er abhängt.",
        "Le frecce vanno da una parte del modello alla parte da cui dipende.",
    ),
    "Ask about it in SPARQL": (
        "L'interroger en SPARQL",
        "Consultarlo en SPARQL",
        "In SPARQL danach fragen",
        "Interrogarlo in SPARQL",
    ),
    "A–Z index": ("Index de A à Z", "Índice de la A a la Z", "Register A–Z", "Indice dalla A alla Z"),
    "Broader terms above, narrower terms below; on the left what depends on it, on the right what it depends on.": (
        "Au-dessus les termes plus généraux, au-dessous les plus spécifiques ; à gauche ce qui en dépend, à droite "
        "ce dont il dépend.",
        "Arriba los términos más amplios, abajo los más específicos; a la izquierda lo que depende de él, a la "
        "derecha aquello de lo que depende.",
        "Oben die übergeordneten, unten die untergeordneten Begriffe; links, was davon abhängt, rechts, wovon er "
        "abhängt.",
        "In alto i termini più ampi, in basso quelli più specifici; a sinistra ciò che ne dipende, a destra ciò da "
        "cui dipende.",
    ),
    "Depends on": ("Dépend de", "Depende de", "Hängt ab von", "Dipende da"),
    "Details": ("Détails", "Detalles", "Einzelheiten", "Dettagli"),
    "Enables": ("Rend possible", "Hace posible", "Ermöglicht", "Rende possibile"),
    "Every concept scheme of the model with its terms, broader above narrower. Open a scheme to see its terms; "
    "each term links to its page.": (
        "Chaque schéma de concepts du modèle avec ses termes, les plus généraux au-dessus des plus spécifiques. "
        "Ouvrez un schéma pour voir ses termes ; chaque terme mène à sa page.",
        "Cada esquema de conceptos del modelo con sus términos, los más amplios sobre los más específicos. Abra un "
        "esquema para ver sus términos; cada término enlaza con su página.",
        "Jedes Begriffsschema des Modells mit seinen Begriffen, die übergeordneten über den untergeordneten. Öffnen "
        "Sie ein Schema, um seine Begriffe zu sehen; jeder Begriff führt zu seiner Seite.",
        "Ogni schema di concetti del modello con i suoi termini, i più ampi sopra i più specifici. Aprite uno schema "
        "per vederne i termini; ogni termine porta alla sua pagina.",
    ),
    "Every term of the model, filed by the first letter of its label in this page's language.": (
        "Tous les termes du modèle, classés selon la première lettre de leur libellé dans la langue de cette page.",
        "Todos los términos del modelo, ordenados por la primera letra de su etiqueta en el idioma de esta página.",
        "Alle Begriffe des Modells, geordnet nach dem ersten Buchstaben ihrer Bezeichnung in der Sprache dieser Seite.",
        "Tutti i termini del modello, ordinati secondo la prima lettera della loro etichetta nella lingua di questa "
        "pagina.",
    ),
    "Formats": ("Formats", "Formatos", "Formate", "Formati"),
    "Hierarchy": ("Hiérarchie", "Jerarquía", "Hierarchie", "Gerarchia"),
    "Label": ("Libellé", "Etiqueta", "Bezeichnung", "Etichetta"),
    "Letters": ("Lettres", "Letras", "Buchstaben", "Lettere"),
    "Linkages": ("Liens", "Vínculos", "Verknüpfungen", "Collegamenti"),
    "Mappings": ("Correspondances", "Correspondencias", "Abbildungen", "Corrispondenze"),
    "Mappings to other vocabularies": (
        "Correspondances avec d'autres vocabulaires",
        "Correspondencias con otros vocabularios",
        "Abbildungen auf andere Vokabulare",
        "Corrispondenze con altri vocabolari",
    ),
    "Members (%(count)s)": (
        "Membres (%(count)s)",
        "Miembros (%(count)s)",
        "Mitglieder (%(count)s)",
        "Membri (%(count)s)",
    ),
    "Narrower terms of %(term)s": (
        "Termes plus spécifiques de %(term)s",
        "Términos más específicos de %(term)s",
        "Untergeordnete Begriffe von %(term)s",
        "Termini più specifici di %(term)s",
    ),
    "Neighbourhood": ("Voisinage", "Entorno", "Umgebung", "Dintorni"),
    "Next": ("Suivant", "Siguiente", "Weiter", "Successivo"),
    "No suggestions": ("Aucune suggestion", "Sin sugerencias", "Keine Vorschläge", "Nessun suggerimento"),
    "No term matches.": (
        "Aucun terme ne correspond.",
        "Ningún término coincide.",
        "Kein Begriff passt.",
        "Nessun termine corrisponde.",
    ),
    "On this page": ("Sur cette page", "En esta página", "Auf dieser Seite", "In questa pagina"),
    'Or <a href="%(browse)s">browse the concept schemes</a>, or read the <a href="%(az)s">A–Z index</a>.': (
        'Ou <a href="%(browse)s">parcourez les schémas de concepts</a>, ou consultez l\'<a href="%(az)s">index de A '
        "à Z</a>.",
        'O <a href="%(browse)s">recorra los esquemas de conceptos</a>, o consulte el <a href="%(az)s">índice de la A '
        "a la Z</a>.",
        'Oder <a href="%(browse)s">blättern Sie in den Begriffsschemata</a> oder lesen Sie das <a href="%(az)s">'
        "Register A–Z</a>.",
        'Oppure <a href="%(browse)s">sfogliate gli schemi di concetti</a>, o consultate l\'<a href="%(az)s">indice '
        "dalla A alla Z</a>.",
    ),
    "Previous": ("Précédent", "Anterior", "Zurück", "Precedente"),
    "Result pages": ("Pages de résultats", "Páginas de resultados", "Ergebnisseiten", "Pagine dei risultati"),
    "Run this query": (
        "Exécuter cette requête",
        "Ejecutar esta consulta",
        "Diese Abfrage ausführen",
        "Esegui questa query",
    ),
    "SPARQL": ("SPARQL", "SPARQL", "SPARQL", "SPARQL"),
    "Search": ("Rechercher", "Buscar", "Suchen", "Cerca"),
    "Search the terms": ("Rechercher les termes", "Buscar términos", "Begriffe suchen", "Cerca i termini"),
    "Suggestions appear as you type: the up and down arrow keys choose one, Enter opens it, Escape closes the list. "
    "Enter with no suggestion chosen searches.": (
        "Des suggestions apparaissent pendant la saisie : les flèches haut et bas en choisissent une, Entrée "
        "l'ouvre, Échap ferme la liste. Entrée sans suggestion choisie lance une recherche.",
        "Las sugerencias aparecen mientras escribe: las flechas arriba y abajo eligen una, Intro la abre, Esc cierra "
        "la lista. Intro sin ninguna sugerencia elegida busca.",
        "Vorschläge erscheinen beim Tippen: Die Pfeiltasten nach oben und unten wählen einen aus, die Eingabetaste "
        "öffnet ihn, Escape schließt die Liste. Die Eingabetaste ohne gewählten Vorschlag startet eine Suche.",
        "I suggerimenti compaiono mentre scrivete: le frecce su e giù ne scelgono uno, Invio lo apre, Esc chiude "
        "l'elenco. Invio senza alcun suggerimento scelto avvia una ricerca.",
    ),
    "Term browser": ("Navigateur de termes", "Explorador de términos", "Begriffsbrowser", "Esploratore dei termini"),
    "Terms of %(scheme)s": (
        "Termes de %(scheme)s",
        "Términos de %(scheme)s",
        "Begriffe von %(scheme)s",
        "Termini di %(scheme)s",
    ),
    "The neighbourhood of %(term)s": (
        "Le voisinage de %(term)s",
        "El entorno de %(term)s",
        "Die Umgebung von %(term)s",
        "I dintorni di %(term)s",
    ),
    "The profiles a delivery is checked against that name this term:": (
        "Les profils de contrôle des livraisons qui nomment ce terme :",
        "Los perfiles con los que se comprueba una entrega que nombran este término:",
        "Die Profile für die Prüfung von Lieferungen, die diesen Begriff nennen:",
        "I profili di verifica delle consegne che nominano questo termine:",
    ),
    "These parts of the model depend on it:": (
        "Ces parties du modèle en dépendent :",
        "Estas partes del modelo dependen de él:",
        "Diese Teile des Modells hängen davon ab:",
        "Queste parti del modello ne dipendono:",
    ),
    "Type": ("Type", "Tipo", "Typ", "Tipo"),
    "Words, a label in any language, or a code such as B5": (
        "Des mots, un libellé dans n'importe quelle langue ou un code comme B5",
        "Palabras, una etiqueta en cualquier idioma o un código como B5",
        "Wörter, eine Bezeichnung in einer beliebigen Sprache oder ein Code wie B5",
        "Parole, un'etichetta in qualsiasi lingua o un codice come B5",
    ),
    "all concept schemes": (
        "tous les schémas de concepts",
        "todos los esquemas de conceptos",
        "alle Begriffsschemata",
        "tutti gli schemi di concetti",
    ),
    "and %(count)s more": ("et %(count)s de plus", "y %(count)s más", "und %(count)s weitere", "e altri %(count)s"),
    "any scheme": ("tout schéma", "cualquier esquema", "jedes Schema", "qualsiasi schema"),
    "any type": ("tout type", "cualquier tipo", "jeder Typ", "qualsiasi tipo"),
    "every concept scheme as a tree, an A–Z index and a search with filters": (
        "chaque schéma de concepts en arbre, un index de A à Z et une recherche avec filtres",
        "cada esquema de conceptos como árbol, un índice de la A a la Z y una búsqueda con filtros",
        "jedes Begriffsschema als Baum, ein Register A–Z und eine Suche mit Filtern",
        "ogni schema di concetti come albero, un indice dalla A alla Z e una ricerca con filtri",
    ),
    "matched in %(field)s (%(lang)s)": (
        "trouvé dans %(field)s (%(lang)s)",
        "encontrado en %(field)s (%(lang)s)",
        "gefunden in %(field)s (%(lang)s)",
        "trovato in %(field)s (%(lang)s)",
    ),
    "allows this value": ("admet cette valeur", "admite este valor", "lässt diesen Wert zu", "ammette questo valore"),
    "broader match": (
        "correspondance plus générale",
        "correspondencia más amplia",
        "übergeordnete Entsprechung",
        "corrispondenza più ampia",
    ),
    "checks every instance of it": (
        "contrôle chacune de ses instances",
        "comprueba cada una de sus instancias",
        "prüft jede seiner Instanzen",
        "verifica ogni sua istanza",
    ),
    "checks the values of this property": (
        "contrôle les valeurs de cette propriété",
        "comprueba los valores de esta propiedad",
        "prüft die Werte dieser Eigenschaft",
        "verifica i valori di questa proprietà",
    ),
    "checks this node": ("contrôle ce nœud", "comprueba este nodo", "prüft diesen Knoten", "verifica questo nodo"),
    "checks what uses this property": (
        "contrôle ce qui utilise cette propriété",
        "comprueba lo que usa esta propiedad",
        "prüft, was diese Eigenschaft verwendet",
        "verifica ciò che usa questa proprietà",
    ),
    "close match": ("correspondance proche", "correspondencia cercana", "nahe Entsprechung", "corrispondenza vicina"),
    "constrains this property": (
        "contraint cette propriété",
        "restringe esta propiedad",
        "schränkt diese Eigenschaft ein",
        "vincola questa proprietà",
    ),
    "equivalent class": ("classe équivalente", "clase equivalente", "äquivalente Klasse", "classe equivalente"),
    "equivalent property": (
        "propriété équivalente",
        "propiedad equivalente",
        "äquivalente Eigenschaft",
        "proprietà equivalente",
    ),
    "exact match": ("correspondance exacte", "correspondencia exacta", "genaue Entsprechung", "corrispondenza esatta"),
    "mentions it": ("le mentionne", "lo menciona", "erwähnt ihn", "lo menziona"),
    "narrower match": (
        "correspondance plus spécifique",
        "correspondencia más específica",
        "untergeordnete Entsprechung",
        "corrispondenza più specifica",
    ),
    "related match": (
        "correspondance associée",
        "correspondencia relacionada",
        "verwandte Entsprechung",
        "corrispondenza correlata",
    ),
    "requires this datatype": (
        "exige ce type de données",
        "exige este tipo de datos",
        "verlangt diesen Datentyp",
        "richiede questo tipo di dato",
    ),
    "requires this value": ("exige cette valeur", "exige este valor", "verlangt diesen Wert", "richiede questo valore"),
    "requires values of this class": (
        "exige des valeurs de cette classe",
        "exige valores de esta clase",
        "verlangt Werte dieser Klasse",
        "richiede valori di questa classe",
    ),
    "serves this practice": (
        "sert cette pratique",
        "sirve a esta práctica",
        "dient dieser Praxis",
        "serve questa pratica",
    ),
}
