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
}
