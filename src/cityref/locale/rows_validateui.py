"""Interface strings of the validation workbench (``/validate`` and its reports): English, then fr, es, de, it."""

T: dict[str, tuple[str, str, str, str]] = {
    "%(shown)s of %(total)s results shown": (
        "%(shown)s résultats affichés sur %(total)s",
        "%(shown)s de %(total)s resultados mostrados",
        "%(shown)s von %(total)s Ergebnissen angezeigt",
        "%(shown)s risultati mostrati su %(total)s",
    ),
    "A browser cannot send a file twice, so this server keeps the files you chose for a while after each "
    "validation; choose them again once it has dropped them.": (
        "Un navigateur ne peut pas envoyer deux fois le même fichier : ce serveur garde donc un moment les fichiers "
        "choisis après chaque validation ; choisissez-les de nouveau une fois qu'il les a supprimés.",
        "Un navegador no puede enviar dos veces un archivo, así que este servidor guarda un tiempo los archivos "
        "elegidos tras cada validación; vuelva a elegirlos cuando los haya descartado.",
        "Ein Browser kann eine Datei nicht zweimal senden; deshalb behält dieser Server die gewählten Dateien nach "
        "jeder Prüfung eine Weile. Wählen Sie sie erneut, sobald er sie verworfen hat.",
        "Un browser non può inviare due volte lo stesso file, perciò questo server conserva per un po' i file "
        "scelti dopo ogni convalida; sceglieteli di nuovo quando li avrà eliminati.",
    ),
    "All": ("Tous", "Todos", "Alle", "Tutti"),
    "Check it together with a city's graph (optional)": (
        "La vérifier avec le graphe d'une ville (facultatif)",
        "Comprobarla junto con el grafo de una ciudad (opcional)",
        "Zusammen mit dem Graphen einer Stadt prüfen (optional)",
        "Verificarla insieme al grafo di una città (facoltativo)",
    ),
    "Check the files of the last validation again:": (
        "Vérifier de nouveau les fichiers de la dernière validation :",
        "Volver a comprobar los archivos de la última validación:",
        "Die Dateien der letzten Prüfung erneut prüfen:",
        "Verificare di nuovo i file dell'ultima convalida:",
    ),
    "Download the report": (
        "Télécharger le rapport",
        "Descargar el informe",
        "Bericht herunterladen",
        "Scaricare il rapporto",
    ),
    "Drop files here (several at once), or choose them:": (
        "Déposez des fichiers ici (plusieurs à la fois), ou choisissez-les :",
        "Suelte aquí los archivos (varios a la vez) o elíjalos:",
        "Dateien hier ablegen (mehrere auf einmal) oder auswählen:",
        "Trascinate qui i file (anche più di uno) oppure sceglieteli:",
    ),
    "Each download lists the results at or above the severity the filter below shows.": (
        "Chaque téléchargement contient les résultats de la gravité choisie dans le filtre ci-dessous, ou plus graves.",
        "Cada descarga contiene los resultados de la gravedad elegida en el filtro de abajo o de una mayor.",
        "Jeder Download enthält die Ergebnisse ab dem Schweregrad, den der Filter unten zeigt.",
        "Ogni download contiene i risultati della gravità scelta nel filtro qui sotto o più gravi.",
    ),
    "Every severity": (
        "Toutes les gravités",
        "Todas las gravedades",
        "Jeder Schweregrad",
        "Ogni gravità",
    ),
    "Filter the results": (
        "Filtrer les résultats",
        "Filtrar los resultados",
        "Ergebnisse filtern",
        "Filtrare i risultati",
    ),
    "JSON-LD (W3C report)": (
        "JSON-LD (rapport W3C)",
        "JSON-LD (informe W3C)",
        "JSON-LD (W3C-Bericht)",
        "JSON-LD (rapporto W3C)",
    ),
    "Line %(line)s of the pasted text": (
        "Ligne %(line)s du texte collé",
        "Línea %(line)s del texto pegado",
        "Zeile %(line)s des eingefügten Textes",
        "Riga %(line)s del testo incollato",
    ),
    "None: the delivery alone": (
        "Aucun : la livraison seule",
        "Ninguno: la entrega sola",
        "Keiner: nur die Lieferung",
        "Nessuno: la sola consegna",
    ),
    "Or fetch it from a URL": (
        "Ou la récupérer à une URL",
        "O descargarla desde una URL",
        "Oder von einer URL abrufen",
        "Oppure prelevarla da un URL",
    ),
    "Paste a delivery, choose or drop its files, then pick one or more profiles (Turtle, N-Triples, JSON-LD, "
    "RDF/XML or TriG, up to %(max_mb)s MB in all). The report lists each problem by the thing it concerns, with "
    "the term and how to fix it.": (
        "Collez une livraison, choisissez ou déposez ses fichiers, puis un ou plusieurs profils (Turtle, N-Triples, "
        "JSON-LD, RDF/XML ou TriG, jusqu'à %(max_mb)s Mo en tout). Le rapport range chaque problème sous l'élément "
        "qu'il concerne, avec le terme en cause et la façon de le corriger.",
        "Pegue una entrega, elija o suelte sus archivos y luego uno o varios perfiles (Turtle, N-Triples, JSON-LD, "
        "RDF/XML o TriG, hasta %(max_mb)s MB en total). El informe agrupa cada problema bajo el elemento al que se "
        "refiere, con el término afectado y cómo corregirlo.",
        "Fügen Sie eine Lieferung ein oder wählen bzw. ziehen Sie ihre Dateien hierher, dann ein oder mehrere Profile "
        "(Turtle, N-Triples, JSON-LD, RDF/XML oder TriG, insgesamt bis %(max_mb)s MB). Der Bericht ordnet jedes "
        "Problem dem Element zu, das es betrifft, mit dem betroffenen Begriff und dem Weg zur Behebung.",
        "Incollate una consegna, scegliete o trascinate i suoi file, poi uno o più profili (Turtle, N-Triples, "
        "JSON-LD, RDF/XML o TriG, fino a %(max_mb)s MB in tutto). Il rapporto raggruppa ogni problema sotto "
        "l'elemento a cui si riferisce, con il termine coinvolto e il modo di correggerlo.",
    ),
    "Paste it, choose or drop files, or name a URL: one of them, or several together.": (
        "Collez-la, choisissez ou déposez des fichiers, ou indiquez une URL : l'un de ces moyens, ou plusieurs "
        "ensemble.",
        "Péguela, elija o suelte archivos, o indique una URL: una de estas vías o varias a la vez.",
        "Fügen Sie sie ein, wählen oder ziehen Sie Dateien, oder nennen Sie eine URL: einen dieser Wege oder "
        "mehrere zusammen.",
        "Incollatela, scegliete o trascinate dei file, oppure indicate un URL: uno di questi modi o più insieme.",
    ),
    "Paste it, or choose or drop files: one of them, or both together.": (
        "Collez-la, ou choisissez ou déposez des fichiers : l'un ou l'autre, ou les deux ensemble.",
        "Péguela, o elija o suelte archivos: una cosa u otra, o ambas a la vez.",
        "Fügen Sie sie ein, oder wählen bzw. ziehen Sie Dateien: eines davon oder beides zusammen.",
        "Incollatela, oppure scegliete o trascinate dei file: l'una o l'altra cosa, o entrambe insieme.",
    ),
    "Pasted delivery": (
        "Livraison collée",
        "Entrega pegada",
        "Eingefügte Lieferung",
        "Consegna incollata",
    ),
    "Problems by focus node": (
        "Problèmes par nœud visé",
        "Problemas por nodo foco",
        "Probleme nach Fokusknoten",
        "Problemi per nodo focale",
    ),
    "Profile or shape": (
        "Profil ou forme",
        "Perfil o forma",
        "Profil oder Shape",
        "Profilo o forma",
    ),
    "Search the results": (
        "Chercher dans les résultats",
        "Buscar en los resultados",
        "In den Ergebnissen suchen",
        "Cercare nei risultati",
    ),
    "Shapes": ("Formes", "Formas", "Shapes", "Forme"),
    "Syntax of the pasted text": (
        "Syntaxe du texte collé",
        "Sintaxis del texto pegado",
        "Syntax des eingefügten Textes",
        "Sintassi del testo incollato",
    ),
    "Text": ("Texte", "Texto", "Text", "Testo"),
    "The delivery": ("La livraison", "La entrega", "Die Lieferung", "La consegna"),
    "The delivery could not be fetched": (
        "La livraison n'a pas pu être récupérée",
        "No se pudo descargar la entrega",
        "Die Lieferung konnte nicht abgerufen werden",
        "Non è stato possibile prelevare la consegna",
    ),
    "The form comes back with the pasted text, the profiles and the language; the files you chose stay on this "
    "server for %(minutes)s minutes after this validation, and can be checked again until then.": (
        "Le formulaire revient avec le texte collé, les profils et la langue ; les fichiers choisis restent sur ce "
        "serveur %(minutes)s minutes après cette validation et peuvent être vérifiés de nouveau jusque-là.",
        "El formulario vuelve con el texto pegado, los perfiles y el idioma; los archivos elegidos se quedan en este "
        "servidor %(minutes)s minutos después de esta validación y pueden volver a comprobarse hasta entonces.",
        "Das Formular kommt mit dem eingefügten Text, den Profilen und der Sprache zurück; die gewählten Dateien "
        "bleiben nach dieser Prüfung %(minutes)s Minuten auf diesem Server und können bis dahin erneut geprüft "
        "werden.",
        "Il modulo torna con il testo incollato, i profili e la lingua; i file scelti restano su questo server per "
        "%(minutes)s minuti dopo questa convalida e fino ad allora si possono verificare di nuovo.",
    ),
    "This server fetches deliveries only from:": (
        "Ce serveur ne récupère des livraisons qu'auprès de :",
        "Este servidor solo descarga entregas de:",
        "Dieser Server ruft Lieferungen nur ab von:",
        "Questo server preleva consegne soltanto da:",
    ),
    "Turtle (W3C report)": (
        "Turtle (rapport W3C)",
        "Turtle (informe W3C)",
        "Turtle (W3C-Bericht)",
        "Turtle (rapporto W3C)",
    ),
    "Validate again": (
        "Valider de nouveau",
        "Validar de nuevo",
        "Erneut prüfen",
        "Convalidare di nuovo",
    ),
    "Violations only": (
        "Violations seulement",
        "Solo infracciones",
        "Nur Verstöße",
        "Solo violazioni",
    ),
    "Warnings and violations": (
        "Avertissements et violations",
        "Advertencias e infracciones",
        "Warnungen und Verstöße",
        "Avvisi e violazioni",
    ),
    "What the city already holds counts (read-only); problems are listed for the delivery's own nodes only.": (
        "Ce que la ville détient déjà est pris en compte (en lecture seule) ; seuls les problèmes des nœuds de la "
        "livraison sont listés.",
        "Lo que la ciudad ya guarda se tiene en cuenta (solo lectura); se listan solo los problemas de los nodos "
        "propios de la entrega.",
        "Was die Stadt schon hält, zählt mit (nur lesend); aufgeführt werden nur Probleme der Knoten der Lieferung.",
        "Ciò che la città già conserva viene considerato (in sola lettura); si elencano solo i problemi dei nodi "
        "propri della consegna.",
    ),
    "the delivery is larger than this server accepts (%(max_mb)s MB in all), so nothing was sent. Check fewer or "
    "smaller files.": (
        "la livraison dépasse ce que ce serveur accepte (%(max_mb)s Mo en tout) : rien n'a été envoyé. Vérifiez "
        "moins de fichiers, ou des fichiers plus petits.",
        "la entrega supera lo que este servidor acepta (%(max_mb)s MB en total), así que no se envió nada. "
        "Compruebe menos archivos o archivos más pequeños.",
        "die Lieferung ist größer, als dieser Server annimmt (insgesamt %(max_mb)s MB); es wurde nichts gesendet. "
        "Prüfen Sie weniger oder kleinere Dateien.",
        "la consegna supera quanto questo server accetta (%(max_mb)s MB in tutto), quindi non è stato inviato "
        "nulla. Verificate meno file o file più piccoli.",
    ),
    "line %(line)s, column %(column)s": (
        "ligne %(line)s, colonne %(column)s",
        "línea %(line)s, columna %(column)s",
        "Zeile %(line)s, Spalte %(column)s",
        "riga %(line)s, colonna %(column)s",
    ),
}
