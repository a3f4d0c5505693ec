"""Interface strings of the city pages (``/cities`` and each city's pages): English, then fr, es, de, it."""

T: dict[str, tuple[str, str, str, str]] = {
    "Graph": ("Graphe", "Grafo", "Graph", "Grafo"),
    "The cities whose own data this server holds, each in a graph of its own.": (
        "Les villes dont ce serveur détient les données, chacune dans un graphe qui lui est propre.",
        "Las ciudades cuyos datos guarda este servidor, cada una en un grafo propio.",
        "Die Städte, deren eigene Daten dieser Server hält, jede in einem eigenen Graphen.",
        "Le città di cui questo server conserva i dati, ciascuna in un grafo proprio.",
    ),
    "This server holds no city data yet: load a city's files into a graph under %(base)s.": (
        "Ce serveur ne détient encore aucune donnée de ville : chargez les fichiers d'une ville dans un graphe "
        "sous %(base)s.",
        "Este servidor aún no guarda datos de ninguna ciudad: cargue los archivos de una ciudad en un grafo "
        "bajo %(base)s.",
        "Dieser Server hält noch keine Stadtdaten: Laden Sie die Dateien einer Stadt in einen Graphen unter %(base)s.",
        "Questo server non conserva ancora dati di città: caricate i file di una città in un grafo sotto %(base)s.",
    ),
    "each city's own data read against the model": (
        "les données propres à chaque ville, lues au regard du modèle",
        "los datos propios de cada ciudad, leídos a la luz del modelo",
        "die eigenen Daten jeder Stadt, am Modell gelesen",
        "i dati propri di ogni città, letti alla luce del modello",
    ),
    "No assessment yet": (
        "Pas encore d'évaluation",
        "Aún no hay evaluación",
        "Noch keine Bewertung",
        "Nessuna valutazione per ora",
    ),
    "This city has no practice adoption assessment yet, so there are no records to list and no gaps to find.": (
        "Cette ville n'a encore aucune évaluation de l'adoption des pratiques : il n'y a donc ni relevé à "
        "lister ni lacune à trouver.",
        "Esta ciudad aún no tiene ninguna evaluación de la adopción de prácticas, así que no hay registros que "
        "listar ni carencias que encontrar.",
        "Diese Stadt hat noch keine Bewertung der Einführung von Praktiken; es gibt also keine Einträge "
        "aufzulisten und keine Lücken zu finden.",
        "Questa città non ha ancora una valutazione dell'adozione delle pratiche: non ci sono quindi registrazioni "
        "da elencare né lacune da trovare.",
    ),
    "To add one:": ("Pour en ajouter une :", "Para añadir una:", "So fügen Sie eine hinzu:", "Per aggiungerne una:"),
    'Describe it in RDF: an <a href="%(href)s">adoption assessment</a> of the city, with its day, and one record '
    "for each practice or delivery principle with its status.": (
        'Décrivez-la en RDF : une <a href="%(href)s">évaluation de l\'adoption</a> de la ville, avec sa date, et '
        "un relevé par pratique ou principe de mise en œuvre, avec son statut.",
        'Descríbala en RDF: una <a href="%(href)s">evaluación de la adopción</a> de la ciudad, con su fecha, y un '
        "registro por cada práctica o principio de ejecución, con su estado.",
        'Beschreiben Sie sie in RDF: eine <a href="%(href)s">Bewertung der Einführung</a> für die Stadt, mit ihrem '
        "Datum, und je einen Eintrag für jede Praxis und jedes Umsetzungsprinzip mit seinem Status.",
        'Descrivetela in RDF: una <a href="%(href)s">valutazione dell\'adozione</a> della città, con la sua data, '
        "e una registrazione per ogni pratica o principio di attuazione, con il suo stato.",
    ),
    'Check it on the <a href="%(href)s">validation page</a> against the practice adoption assessment profile.': (
        'Contrôlez-la sur la <a href="%(href)s">page de validation</a> avec le profil '
        "d'évaluation de l'adoption des pratiques.",
        'Compruébela en la <a href="%(href)s">página de validación</a> con el perfil de evaluación '
        "de la adopción de prácticas.",
        'Prüfen Sie sie auf der <a href="%(href)s">Validierungsseite</a> gegen das Profil zur Bewertung der '
        "Einführung der Praktiken.",
        'Verificatela nella <a href="%(href)s">pagina di validazione</a> con il profilo di valutazione '
        "dell'adozione delle pratiche.",
    ),
    "Add it to the city's graph, <code>%(graph)s</code>, with <code>cityref load FILE --graph</code> and that IRI, "
    "or with a <code>POST</code> to <code>/graphs</code> by a key that may write.": (
        "Ajoutez-la au graphe de la ville, <code>%(graph)s</code>, avec <code>cityref load FILE --graph</code> et "
        "cet IRI, ou par un <code>POST</code> sur <code>/graphs</code> avec une clé autorisée à écrire.",
        "Añádala al grafo de la ciudad, <code>%(graph)s</code>, con <code>cityref load FILE --graph</code> y ese "
        "IRI, o con un <code>POST</code> a <code>/graphs</code> con una clave que pueda escribir.",
        "Fügen Sie sie dem Graphen der Stadt hinzu, <code>%(graph)s</code>, mit <code>cityref load FILE "
        "--graph</code> und dieser IRI, oder mit einem <code>POST</code> an <code>/graphs</code> mit einem "
        "Schlüssel, der schreiben darf.",
        "Aggiungetela al grafo della città, <code>%(graph)s</code>, con <code>cityref load FILE --graph</code> e "
        "quell'IRI, o con un <code>POST</code> a <code>/graphs</code> con una chiave che può scrivere.",
    ),
}
