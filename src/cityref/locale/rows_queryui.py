"""Interface strings of the query pages (``/sparql``, ``/queries``, ``/queries/{name}``) and the canned queries'
titles and parameter descriptions: English, then fr, es, de, it."""

T: dict[str, tuple[str, str, str, str]] = {
    "Without JavaScript the table cannot be drawn: choose a format under “Results as” to download the answer.": (
        "Sans JavaScript, le tableau ne peut pas être dessiné : choisissez un format sous « Résultats en » pour "
        "télécharger la réponse.",
        "Sin JavaScript no se puede dibujar la tabla: elija un formato en «Resultados en» para descargar la respuesta.",
        "Ohne JavaScript kann die Tabelle nicht gezeichnet werden: Wählen Sie unter „Ergebnisse als“ ein Format, um "
        "die Antwort herunterzuladen.",
        "Senza JavaScript la tabella non può essere disegnata: scegliete un formato in «Risultati in» per scaricare "
        "la risposta.",
    ),
    "Without JavaScript the table cannot be drawn: the download links below give the answer.": (
        "Sans JavaScript, le tableau ne peut pas être dessiné : les liens de téléchargement ci-dessous donnent la "
        "réponse.",
        "Sin JavaScript no se puede dibujar la tabla: los enlaces de descarga de abajo dan la respuesta.",
        "Ohne JavaScript kann die Tabelle nicht gezeichnet werden: Die Download-Links unten liefern die Antwort.",
        "Senza JavaScript la tabella non può essere disegnata: i link di download qui sotto danno la risposta.",
    ),
    "(any)": ("(tous)", "(cualquiera)", "(alle)", "(qualsiasi)"),
    "(choose one)": ("(choisissez)", "(elija uno)", "(bitte wählen)", "(sceglietene uno)"),
    "Ask the reference model and the cities' data in SPARQL. The ontology's prefixes are already declared.": (
        "Interrogez le modèle de référence et les données des villes en SPARQL. Les préfixes de l'ontologie sont "
        "déjà déclarés.",
        "Consulte el modelo de referencia y los datos de las ciudades en SPARQL. Los prefijos de la ontología ya "
        "están declarados.",
        "Befragen Sie das Referenzmodell und die Daten der Städte in SPARQL. Die Präfixe der Ontologie sind schon "
        "deklariert.",
        "Interrogate il modello di riferimento e i dati delle città in SPARQL. I prefissi dell'ontologia sono già "
        "dichiarati.",
    ),
    "Breadcrumb": ("Fil d'Ariane", "Ruta de navegación", "Navigationspfad", "Percorso di navigazione"),
    "Canned queries with their parameters as a form:": (
        "Des requêtes prêtes à l'emploi, avec leurs paramètres en formulaire :",
        "Consultas predefinidas, con sus parámetros en un formulario:",
        "Vorgefertigte Abfragen, ihre Parameter als Formular:",
        "Query predefinite, con i loro parametri in un modulo:",
    ),
    "City": ("Ville", "Ciudad", "Stadt", "Città"),
    "Clients get this list as JSON.": (
        "Les clients reçoivent cette liste en JSON.",
        "Los clientes reciben esta lista en JSON.",
        "Programme erhalten diese Liste als JSON.",
        "I client ricevono questo elenco in JSON.",
    ),
    "Ctrl+Enter (or Cmd+Enter) runs the query; Tab moves on to the next field.": (
        "Ctrl+Entrée (ou Cmd+Entrée) exécute la requête ; Tab passe au champ suivant.",
        "Ctrl+Intro (o Cmd+Intro) ejecuta la consulta; Tab pasa al campo siguiente.",
        "Strg+Eingabe (oder Cmd+Eingabe) führt die Abfrage aus; Tab springt zum nächsten Feld.",
        "Ctrl+Invio (o Cmd+Invio) esegue la query; Tab passa al campo successivo.",
    ),
    "Download the result": (
        "Télécharger le résultat",
        "Descargar el resultado",
        "Ergebnis herunterladen",
        "Scaricare il risultato",
    ),
    "Download:": ("Télécharger :", "Descargar:", "Herunterladen:", "Scaricare:"),
    "Enabler": ("Levier", "Habilitador", "Wegbereiter", "Fattore abilitante"),
    "JSON-LD (CONSTRUCT/DESCRIBE)": (
        "JSON-LD (CONSTRUCT/DESCRIBE)",
        "JSON-LD (CONSTRUCT/DESCRIBE)",
        "JSON-LD (CONSTRUCT/DESCRIBE)",
        "JSON-LD (CONSTRUCT/DESCRIBE)",
    ),
    "Lowest classification rank": (
        "Rang de classification minimal",
        "Rango de clasificación mínimo",
        "Niedrigste Einstufung",
        "Livello di classificazione minimo",
    ),
    "Lowest risk score": (
        "Score de risque minimal",
        "Puntuación de riesgo mínima",
        "Niedrigste Risikobewertung",
        "Punteggio di rischio minimo",
    ),
    "N-Triples (CONSTRUCT/DESCRIBE)": (
        "N-Triples (CONSTRUCT/DESCRIBE)",
        "N-Triples (CONSTRUCT/DESCRIBE)",
        "N-Triples (CONSTRUCT/DESCRIBE)",
        "N-Triples (CONSTRUCT/DESCRIBE)",
    ),
    "Next page": ("Page suivante", "Página siguiente", "Nächste Seite", "Pagina successiva"),
    "Object": ("Objet", "Objeto", "Objekt", "Oggetto"),
    "Open in the query workbench, with these parameters bound": (
        "Ouvrir dans l'atelier de requêtes, avec ces paramètres liés",
        "Abrir en el banco de consultas, con estos parámetros ya fijados",
        "In der Abfragewerkstatt öffnen, mit diesen Parametern gebunden",
        "Aprire nel banco delle query, con questi parametri già impostati",
    ),
    "Organisation": ("Organisation", "Organización", "Organisation", "Organizzazione"),
    "Parameters": ("Paramètres", "Parámetros", "Parameter", "Parametri"),
    "Parameters:": ("Paramètres :", "Parámetros:", "Parameter:", "Parametri:"),
    "Practice": ("Pratique", "Práctica", "Praxis", "Pratica"),
    "Predicate": ("Prédicat", "Predicado", "Prädikat", "Predicato"),
    "Previous page": ("Page précédente", "Página anterior", "Vorige Seite", "Pagina precedente"),
    "Query workbench": ("Atelier de requêtes", "Banco de consultas", "Abfragewerkstatt", "Banco delle query"),
    "Questions city architects ask often, ready to run: open one, choose its parameters and read the table.": (
        "Les questions que les architectes de la ville posent souvent, prêtes à exécuter : ouvrez-en une, "
        "choisissez ses paramètres et lisez le tableau.",
        "Las preguntas que los arquitectos de la ciudad hacen a menudo, listas para ejecutar: abra una, elija sus "
        "parámetros y lea la tabla.",
        "Fragen, die Stadtarchitekten oft stellen, bereit zum Ausführen: eine öffnen, ihre Parameter wählen und die "
        "Tabelle lesen.",
        "Le domande che gli architetti della città pongono spesso, pronte da eseguire: apritene una, sceglietene i "
        "parametri e leggete la tabella.",
    ),
    "RDF/XML (CONSTRUCT/DESCRIBE)": (
        "RDF/XML (CONSTRUCT/DESCRIBE)",
        "RDF/XML (CONSTRUCT/DESCRIBE)",
        "RDF/XML (CONSTRUCT/DESCRIBE)",
        "RDF/XML (CONSTRUCT/DESCRIBE)",
    ),
    "Ready-made questions": (
        "Questions toutes prêtes",
        "Preguntas ya preparadas",
        "Fertige Fragen",
        "Domande già pronte",
    ),
    "Results": ("Résultats", "Resultados", "Ergebnisse", "Risultati"),
    "Rows %(first)s to %(last)s of %(count)s": (
        "Lignes %(first)s à %(last)s sur %(count)s",
        "Filas %(first)s a %(last)s de %(count)s",
        "Zeilen %(first)s bis %(last)s von %(count)s",
        "Righe da %(first)s a %(last)s di %(count)s",
    ),
    "Rows per page": ("Lignes par page", "Filas por página", "Zeilen pro Seite", "Righe per pagina"),
    "Rows: %(count)s": ("Lignes : %(count)s", "Filas: %(count)s", "Zeilen: %(count)s", "Righe: %(count)s"),
    "Running the query…": (
        "Exécution de la requête…",
        "Ejecutando la consulta…",
        "Die Abfrage läuft…",
        "Esecuzione della query…",
    ),
    "Service": ("Service", "Servicio", "Dienst", "Servizio"),
    "Sort by %(column)s": (
        "Trier par %(column)s",
        "Ordenar por %(column)s",
        "Nach %(column)s sortieren",
        "Ordinare per %(column)s",
    ),
    "Subject": ("Sujet", "Sujeto", "Subjekt", "Soggetto"),
    "Syntax error at line %(line)s, column %(column)s": (
        "Erreur de syntaxe à la ligne %(line)s, colonne %(column)s",
        "Error de sintaxis en la línea %(line)s, columna %(column)s",
        "Syntaxfehler in Zeile %(line)s, Spalte %(column)s",
        "Errore di sintassi alla riga %(line)s, colonna %(column)s",
    ),
    "The .rq file": ("Le fichier .rq", "El archivo .rq", "Die .rq-Datei", "Il file .rq"),
    "The SPARQL text": ("Le texte SPARQL", "El texto SPARQL", "Der SPARQL-Text", "Il testo SPARQL"),
    "The answer is no.": ("La réponse est non.", "La respuesta es no.", "Die Antwort ist nein.", "La risposta è no."),
    "The answer is yes.": ("La réponse est oui.", "La respuesta es sí.", "Die Antwort ist ja.", "La risposta è sì."),
    "The query failed: %(detail)s": (
        "La requête a échoué : %(detail)s",
        "La consulta ha fallado: %(detail)s",
        "Die Abfrage ist gescheitert: %(detail)s",
        "La query non è riuscita: %(detail)s",
    ),
    "The query found nothing.": (
        "La requête n'a rien trouvé.",
        "La consulta no ha encontrado nada.",
        "Die Abfrage hat nichts gefunden.",
        "La query non ha trovato nulla.",
    ),
    "The result was cut at the server's limit of %(cap)s rows: download it or narrow the query.": (
        "Le résultat a été coupé à la limite du serveur, %(cap)s lignes : téléchargez-le ou resserrez la requête.",
        "El resultado se cortó en el límite del servidor, %(cap)s filas: descárguelo o acote la consulta.",
        "Das Ergebnis wurde an der Grenze des Servers von %(cap)s Zeilen abgeschnitten: laden Sie es herunter oder "
        "grenzen Sie die Abfrage ein.",
        "Il risultato è stato tagliato al limite del server di %(cap)s righe: scaricatelo o restringete la query.",
    ),
    "The result was cut at the server's limit: download it or narrow the query.": (
        "Le résultat a été coupé à la limite du serveur : téléchargez-le ou resserrez la requête.",
        "El resultado se cortó en el límite del servidor: descárguelo o acote la consulta.",
        "Das Ergebnis wurde an der Grenze des Servers abgeschnitten: laden Sie es herunter oder grenzen Sie die "
        "Abfrage ein.",
        "Il risultato è stato tagliato al limite del server: scaricatelo o restringete la query.",
    ),
    "Triples: %(count)s": ("Triplets : %(count)s", "Tripletas: %(count)s", "Tripel: %(count)s", "Triple: %(count)s"),
    "Under way on": ("En cours le", "En curso el día", "Laufend am", "In corso il"),
    "Write your own query": (
        "Écrire votre propre requête",
        "Escribir su propia consulta",
        "Eigene Abfrage schreiben",
        "Scrivere una query propria",
    ),
    "a table in this page": (
        "un tableau dans cette page",
        "una tabla en esta página",
        "eine Tabelle auf dieser Seite",
        "una tabella in questa pagina",
    ),
    "all canned queries": (
        "toutes les requêtes prêtes à l'emploi",
        "todas las consultas predefinidas",
        "alle vorgefertigten Abfragen",
        "tutte le query predefinite",
    ),
    "answered in %(ms)s ms": (
        "réponse en %(ms)s ms",
        "respondida en %(ms)s ms",
        "beantwortet in %(ms)s ms",
        "risposta in %(ms)s ms",
    ),
    "required": ("obligatoire", "obligatorio", "Pflichtangabe", "obbligatorio"),
    # The canned queries' titles.
    "Benefit chain from enablers to objectives, with progress against target": (
        "Chaîne des bénéfices, des leviers aux objectifs, avec l'avancement vers la cible",
        "Cadena de beneficios de los habilitadores a los objetivos, con el avance hacia la meta",
        "Nutzenkette von den Wegbereitern bis zu den Zielen, mit dem Fortschritt zum Zielwert",
        "Catena dei benefici dai fattori abilitanti agli obiettivi, con l'avanzamento verso il traguardo",
    ),
    "Data-sharing agreements by party": (
        "Accords de partage de données par partie",
        "Acuerdos de intercambio de datos por parte",
        "Vereinbarungen zum Datenaustausch nach Partei",
        "Accordi di condivisione dei dati per parte",
    ),
    "Datasets behind a service": (
        "Les jeux de données derrière un service",
        "Los conjuntos de datos detrás de un servicio",
        "Die Datensätze hinter einem Dienst",
        "I dataset dietro un servizio",
    ),
    "Delivery principles that mitigate most key risks": (
        "Les principes de mise en œuvre qui atténuent le plus de risques clés",
        "Los principios de ejecución que mitigan más riesgos clave",
        "Umsetzungsgrundsätze, die die meisten Hauptrisiken mindern",
        "I principi di attuazione che mitigano più rischi chiave",
    ),
    "Devices collecting personal data without a retention period": (
        "Appareils qui collectent des données personnelles sans durée de conservation",
        "Dispositivos que recogen datos personales sin plazo de conservación",
        "Geräte, die personenbezogene Daten ohne Aufbewahrungsfrist erheben",
        "Dispositivi che raccolgono dati personali senza un periodo di conservazione",
    ),
    "Devices handling sensitive data without encryption": (
        "Appareils qui traitent des données sensibles sans chiffrement",
        "Dispositivos que tratan datos sensibles sin cifrado",
        "Geräte, die sensible Daten unverschlüsselt verarbeiten",
        "Dispositivi che trattano dati sensibili senza cifratura",
    ),
    "ISO 37101 purpose x issue coverage of the city's objectives": (
        "Couverture des finalités x enjeux de l'ISO 37101 par les objectifs de la ville",
        "Cobertura de propósitos x cuestiones de ISO 37101 por los objetivos de la ciudad",
        "Abdeckung der Zwecke x Themen der ISO 37101 durch die Ziele der Stadt",
        "Copertura di finalità x questioni della ISO 37101 da parte degli obiettivi della città",
    ),
    "Interoperability needs by EIF layer and status": (
        "Besoins d'interopérabilité par couche EIF et par statut",
        "Necesidades de interoperabilidad por capa EIF y estado",
        "Interoperabilitätsbedarfe nach EIF-Ebene und Status",
        "Esigenze di interoperabilità per livello EIF e stato",
    ),
    "Key risks the city leaves without mitigation": (
        "Les risques clés que la ville laisse sans atténuation",
        "Los riesgos clave que la ciudad deja sin mitigar",
        "Hauptrisiken, die die Stadt ohne Minderung lässt",
        "I rischi chiave che la città lascia senza mitigazione",
    ),
    "Maturity profile of a city": (
        "Profil de maturité d'une ville",
        "Perfil de madurez de una ciudad",
        "Reifeprofil einer Stadt",
        "Profilo di maturità di una città",
    ),
    "Roadmap timeline": (
        "Calendrier de la feuille de route",
        "Cronograma de la hoja de ruta",
        "Zeitplan der Roadmap",
        "Cronologia della tabella di marcia",
    ),
    "Services without a digital channel": (
        "Services sans canal numérique",
        "Servicios sin canal digital",
        "Dienste ohne digitalen Kanal",
        "Servizi senza canale digitale",
    ),
    "Silo systems: no interoperability need recorded": (
        "Systèmes en silo : aucun besoin d'interopérabilité consigné",
        "Sistemas aislados: ninguna necesidad de interoperabilidad registrada",
        "Silosysteme: kein Interoperabilitätsbedarf erfasst",
        "Sistemi a silo: nessuna esigenza di interoperabilità registrata",
    ),
    "Terms missing a translation": (
        "Termes auxquels manque une traduction",
        "Términos a los que les falta una traducción",
        "Begriffe, denen eine Übersetzung fehlt",
        "Termini a cui manca una traduzione",
    ),
    "The city's risk register, scored": (
        "Le registre des risques de la ville, avec les scores",
        "El registro de riesgos de la ciudad, con puntuaciones",
        "Das Risikoregister der Stadt, bewertet",
        "Il registro dei rischi della città, con i punteggi",
    ),
    "The operating model outline": (
        "Le plan du modèle opérationnel",
        "El esquema del modelo operativo",
        "Die Gliederung des Betriebsmodells",
        "Lo schema del modello operativo",
    ),
    "What a practice depends on, and why": (
        "Ce dont une pratique dépend, et pourquoi",
        "De qué depende una práctica, y por qué",
        "Wovon eine Praxis abhängt, und warum",
        "Da che cosa dipende una pratica, e perché",
    ),
    "Which practices the city's work advances": (
        "Les pratiques que le travail de la ville fait avancer",
        "Las prácticas que el trabajo de la ciudad hace avanzar",
        "Welche Praktiken die Arbeit der Stadt voranbringt",
        "Le pratiche che il lavoro della città fa avanzare",
    ),
    "Who governs what: governance bodies, their seats and the practices they lead": (
        "Qui gouverne quoi : les instances de gouvernance, leurs sièges et les pratiques qu'elles pilotent",
        "Quién gobierna qué: los órganos de gobierno, sus puestos y las prácticas que dirigen",
        "Wer was steuert: Gremien, ihre Sitze und die Praktiken, die sie führen",
        "Chi governa che cosa: gli organi di governo, i loro seggi e le pratiche che guidano",
    ),
    # The canned queries' parameter descriptions.
    "follow one enabler only": (
        "ne suivre qu'un seul levier",
        "seguir un solo habilitador",
        "nur einem Wegbereiter folgen",
        "seguire un solo fattore abilitante",
    ),
    "leave out risks whose latest score is below this (1 to 25)": (
        "écarter les risques dont le dernier score est inférieur (de 1 à 25)",
        "omitir los riesgos cuya última puntuación sea inferior (de 1 a 25)",
        "Risiken weglassen, deren letzte Bewertung darunter liegt (1 bis 25)",
        "tralasciare i rischi il cui ultimo punteggio è inferiore (da 1 a 25)",
    ),
    "one organisation only, e.g. https://exampleton.example/id/council": (
        "une seule organisation, p. ex. https://exampleton.example/id/council",
        "una sola organización, p. ej. https://exampleton.example/id/council",
        "nur eine Organisation, z. B. https://exampleton.example/id/council",
        "una sola organizzazione, ad es. https://exampleton.example/id/council",
    ),
    "one service only": ("un seul service", "un solo servicio", "nur ein Dienst", "un solo servizio"),
    "only phases under way on this day (YYYY-MM-DD)": (
        "seulement les phases en cours ce jour-là (AAAA-MM-JJ)",
        "solo las fases en curso ese día (AAAA-MM-DD)",
        "nur Phasen, die an diesem Tag laufen (JJJJ-MM-TT)",
        "solo le fasi in corso in quel giorno (AAAA-MM-GG)",
    ),
    "only the bodies that lead this practice, e.g. cityref:B4": (
        "seulement les instances qui pilotent cette pratique, p. ex. cityref:B4",
        "solo los órganos que dirigen esta práctica, p. ej. cityref:B4",
        "nur die Gremien, die diese Praxis führen, z. B. cityref:B4",
        "solo gli organi che guidano questa pratica, ad es. cityref:B4",
    ),
    "restrict to one EIF layer, e.g. cityref:eif-layer-semantic": (
        "se limiter à une couche EIF, p. ex. cityref:eif-layer-semantic",
        "limitarse a una capa EIF, p. ej. cityref:eif-layer-semantic",
        "auf eine EIF-Ebene beschränken, z. B. cityref:eif-layer-semantic",
        "limitarsi a un livello EIF, ad es. cityref:eif-layer-semantic",
    ),
    "restrict to one need status, e.g. cityref:need-status-blocked": (
        "se limiter à un statut de besoin, p. ex. cityref:need-status-blocked",
        "limitarse a un estado de necesidad, p. ej. cityref:need-status-blocked",
        "auf einen Bedarfsstatus beschränken, z. B. cityref:need-status-blocked",
        "limitarsi a uno stato dell'esigenza, ad es. cityref:need-status-blocked",
    ),
    "the language of the labels": (
        "la langue des libellés",
        "el idioma de las etiquetas",
        "die Sprache der Bezeichnungen",
        "la lingua delle etichette",
    ),
    "the language of the labels and reasons": (
        "la langue des libellés et des raisons",
        "el idioma de las etiquetas y de los motivos",
        "die Sprache der Bezeichnungen und Begründungen",
        "la lingua delle etichette e delle motivazioni",
    ),
    "the language of the layer and status labels": (
        "la langue des libellés de couche et de statut",
        "el idioma de las etiquetas de capa y de estado",
        "die Sprache der Bezeichnungen von Ebene und Status",
        "la lingua delle etichette di livello e di stato",
    ),
    "the language to check, e.g. fr": (
        "la langue à vérifier, p. ex. fr",
        "el idioma que se comprueba, p. ej. fr",
        "die zu prüfende Sprache, z. B. fr",
        "la lingua da controllare, ad es. fr",
    ),
    "the lowest classification rank to report": (
        "le rang de classification le plus bas à signaler",
        "el rango de clasificación más bajo que se informa",
        "die niedrigste Einstufung, die gemeldet wird",
        "il livello di classificazione più basso da segnalare",
    ),
    "the named graph holding the city's data": (
        "le graphe nommé qui contient les données de la ville",
        "el grafo con nombre que contiene los datos de la ciudad",
        "der benannte Graph mit den Daten der Stadt",
        "il grafo con nome che contiene i dati della città",
    ),
    "the practice whose dependencies are listed, e.g. cityref:B5": (
        "la pratique dont les dépendances sont listées, p. ex. cityref:B5",
        "la práctica cuyas dependencias se enumeran, p. ej. cityref:B5",
        "die Praxis, deren Abhängigkeiten aufgeführt werden, z. B. cityref:B5",
        "la pratica di cui si elencano le dipendenze, ad es. cityref:B5",
    ),
}

# The canned queries' descriptions.
DESCRIPTIONS: dict[str, tuple[str, str, str, str]] = {
    "For each enabler, every benefit-map step it leads to (business change, outcome, benefit) up to the "
    "strategic objectives, with the indicators that measure each step: baseline, target, latest measurement and "
    "progress, the share of the way from baseline to target covered so far (1.0 means the target is met). The "
    "unit is the indicator's QUDT unit IRI, or for 0.1.0 data the free text of the deprecated cityref:unit.": (
        "Pour chaque levier, chaque étape de la carte des bénéfices à laquelle il mène (changement métier, "
        "résultat, bénéfice) jusqu'aux objectifs stratégiques, avec les indicateurs qui mesurent chaque étape : "
        "valeur de départ, cible, dernière mesure et avancement, la part du chemin de la valeur de départ à la "
        "cible déjà parcourue (1.0 signifie que la cible est atteinte). L'unité est l'IRI d'unité QUDT de "
        "l'indicateur ou, pour des données 0.1.0, le texte libre de la propriété dépréciée cityref:unit.",
        "Para cada habilitador, cada paso del mapa de beneficios al que conduce (cambio de negocio, resultado, "
        "beneficio) hasta los objetivos estratégicos, con los indicadores que miden cada paso: línea de base, "
        "meta, última medición y avance, la parte del camino de la línea de base a la meta ya recorrida (1.0 "
        "significa que la meta se ha alcanzado). La unidad es la IRI de unidad QUDT del indicador o, para datos "
        "0.1.0, el texto libre de la propiedad obsoleta cityref:unit.",
        "Für jeden Wegbereiter jeder Schritt der Nutzenkarte, zu dem er führt (Geschäftsänderung, Ergebnis, "
        "Nutzen), bis zu den strategischen Zielen, mit den Indikatoren, die jeden Schritt messen: Ausgangswert, "
        "Zielwert, letzte Messung und Fortschritt, also der Anteil des Wegs vom Ausgangs- zum Zielwert, der "
        "schon zurückgelegt ist (1.0 heißt: Ziel erreicht). Die Einheit ist die QUDT-Einheiten-IRI des "
        "Indikators oder, bei Daten aus 0.1.0, der freie Text der veralteten Eigenschaft cityref:unit.",
        "Per ogni fattore abilitante, ogni passo della mappa dei benefici a cui porta (cambiamento "
        "organizzativo, risultato, beneficio) fino agli obiettivi strategici, con gli indicatori che misurano "
        "ogni passo: valore di partenza, traguardo, ultima misura e avanzamento, cioè la parte del percorso dal "
        "valore di partenza al traguardo già compiuta (1.0 significa traguardo raggiunto). L'unità è l'IRI di "
        "unità QUDT dell'indicatore o, per i dati 0.1.0, il testo libero della proprietà deprecata cityref:unit.",
    ),
    "For each organisation, the data-sharing agreements it is party to, whether it provides or receives the "
    "data, the other parties, the datasets covered, the purpose, the period and whether sovereignty is shared.": (
        "Pour chaque organisation, les accords de partage de données auxquels elle est partie, selon qu'elle "
        "fournit ou reçoit les données, les autres parties, les jeux de données couverts, la finalité, la "
        "période et si la souveraineté est partagée.",
        "Para cada organización, los acuerdos de intercambio de datos de los que es parte, si proporciona o "
        "recibe los datos, las demás partes, los conjuntos de datos cubiertos, la finalidad, el periodo y si la "
        "soberanía se comparte.",
        "Für jede Organisation die Vereinbarungen zum Datenaustausch, an denen sie beteiligt ist, ob sie die "
        "Daten liefert oder empfängt, die anderen Parteien, die erfassten Datensätze, der Zweck, der Zeitraum "
        "und ob die Datenhoheit geteilt wird.",
        "Per ogni organizzazione, gli accordi di condivisione dei dati di cui è parte, se fornisce o riceve i "
        "dati, le altre parti, i dataset coperti, la finalità, il periodo e se la sovranità è condivisa.",
    ),
    "Every governance body and cross-boundary team the city recorded, one row per seat (an org:Membership) or "
    "post (an org:Post): who holds it, the organisation it comes from (the home organisation of a post or seat, "
    "else the member itself when it is an organisation), its governance role, and for the body the practices of "
    "the operating model it leads, how many pieces of work it oversees and the body it reports to.": (
        "Chaque instance de gouvernance et chaque équipe transversale consignée par la ville, une ligne par "
        "siège (une org:Membership) ou poste (un org:Post) : qui l'occupe, l'organisation dont il vient "
        "(l'organisation d'origine du poste ou du siège, sinon le membre lui-même s'il s'agit d'une "
        "organisation), son rôle de gouvernance et, pour l'instance, les pratiques du modèle opérationnel "
        "qu'elle pilote, le nombre de travaux qu'elle supervise et l'instance à laquelle elle rend compte.",
        "Cada órgano de gobierno y cada equipo transversal que la ciudad registró, una fila por puesto (una "
        "org:Membership) o cargo (un org:Post): quién lo ocupa, la organización de la que procede (la "
        "organización de origen del cargo o del puesto o, si no, el propio miembro cuando es una organización), "
        "su papel de gobierno y, para el órgano, las prácticas del modelo operativo que dirige, cuántos "
        "trabajos supervisa y el órgano ante el que responde.",
        "Jedes Gremium und jedes bereichsübergreifende Team, das die Stadt erfasst hat, eine Zeile je Sitz "
        "(eine org:Membership) oder Stelle (ein org:Post): wer ihn innehat, aus welcher Organisation er kommt "
        "(die Heimatorganisation der Stelle oder des Sitzes, sonst das Mitglied selbst, wenn es eine "
        "Organisation ist), seine Rolle in der Steuerung und, für das Gremium, die Praktiken des "
        "Betriebsmodells, die es führt, wie viele Vorhaben es beaufsichtigt und wem es berichtet.",
        "Ogni organo di governo e ogni squadra trasversale registrati dalla città, una riga per seggio (una "
        "org:Membership) o incarico (un org:Post): chi lo ricopre, l'organizzazione da cui proviene "
        "(l'organizzazione di appartenenza dell'incarico o del seggio, altrimenti il membro stesso se è "
        "un'organizzazione), il suo ruolo di governo e, per l'organo, le pratiche del modello operativo che "
        "guida, quanti lavori supervisiona e l'organo a cui riferisce.",
    ),
    "Every interoperability need the city recorded between two parties (systems or organisations), with the "
    "European Interoperability Framework layer it sits at, its status, and the standard used or missing.": (
        "Chaque besoin d'interopérabilité consigné par la ville entre deux parties (systèmes ou organisations), "
        "avec la couche du cadre d'interopérabilité européen (EIF) où il se situe, son statut et la norme "
        "utilisée ou manquante.",
        "Cada necesidad de interoperabilidad que la ciudad registró entre dos partes (sistemas u "
        "organizaciones), con la capa del Marco Europeo de Interoperabilidad (EIF) en la que se sitúa, su "
        "estado y la norma utilizada o ausente.",
        "Jeder Interoperabilitätsbedarf, den die Stadt zwischen zwei Parteien (Systemen oder Organisationen) "
        "erfasst hat, mit der Ebene des Europäischen Interoperabilitätsrahmens (EIF), auf der er liegt, seinem "
        "Status und der verwendeten oder fehlenden Norm.",
        "Ogni esigenza di interoperabilità registrata dalla città tra due parti (sistemi o organizzazioni), con "
        "il livello del Quadro europeo di interoperabilità (EIF) in cui si colloca, il suo stato e la norma "
        "usata o mancante.",
    ),
    "The stage the city reached on each of the four dimensions of the smart city maturity model, per assessment "
    "(newest first), with the description of that cell of the model, of the next stage to aim for, and what the "
    "model says about problem-solving at the stage reached. A rating of a deprecated dimension (the fifth "
    "dimension of release 0.1.0) is left out; validation warns about it.": (
        "Le stade atteint par la ville sur chacune des quatre dimensions du modèle de maturité de la ville "
        "intelligente, par évaluation (la plus récente d'abord), avec la description de cette case du modèle, "
        "celle du stade suivant à viser, et ce que le modèle dit de la résolution de problèmes au stade "
        "atteint. Une note sur une dimension dépréciée (la cinquième dimension de la version 0.1.0) est écartée "
        "; la validation le signale.",
        "La etapa que la ciudad alcanzó en cada una de las cuatro dimensiones del modelo de madurez de la "
        "ciudad inteligente, por evaluación (la más reciente primero), con la descripción de esa casilla del "
        "modelo, la de la etapa siguiente a la que aspirar y lo que el modelo dice sobre la resolución de "
        "problemas en la etapa alcanzada. Una valoración de una dimensión obsoleta (la quinta dimensión de la "
        "versión 0.1.0) se omite; la validación lo advierte.",
        "Die Stufe, die die Stadt in jeder der vier Dimensionen des Smart-City-Reifegradmodells erreicht hat, "
        "je Bewertung (die neueste zuerst), mit der Beschreibung dieses Felds des Modells, der nächsten "
        "anzustrebenden Stufe und dem, was das Modell über das Lösen von Problemen auf der erreichten Stufe "
        "sagt. Eine Bewertung einer veralteten Dimension (der fünften Dimension aus Version 0.1.0) wird "
        "weggelassen; die Validierung warnt davor.",
        "Lo stadio raggiunto dalla città in ciascuna delle quattro dimensioni del modello di maturità della "
        "città intelligente, per valutazione (la più recente per prima), con la descrizione di quella casella "
        "del modello, dello stadio successivo a cui mirare e di ciò che il modello dice sulla risoluzione dei "
        "problemi allo stadio raggiunto. Un giudizio su una dimensione deprecata (la quinta dimensione della "
        "versione 0.1.0) è tralasciato; la validazione lo segnala.",
    ),
    "Terms of the reference model (classes, properties, concepts, schemes) that have an English label but none "
    "in the requested language, so translators know what is left.": (
        "Les termes du modèle de référence (classes, propriétés, concepts, schémas) qui ont un libellé anglais "
        "mais aucun dans la langue demandée, pour que les traducteurs sachent ce qui reste à faire.",
        "Los términos del modelo de referencia (clases, propiedades, conceptos, esquemas) que tienen una "
        "etiqueta en inglés pero ninguna en el idioma pedido, para que los traductores sepan qué queda por "
        "hacer.",
        "Begriffe des Referenzmodells (Klassen, Eigenschaften, Konzepte, Schemata), die eine englische "
        "Bezeichnung haben, aber keine in der gewünschten Sprache, damit Übersetzer wissen, was noch fehlt.",
        "I termini del modello di riferimento (classi, proprietà, concetti, schemi) che hanno un'etichetta "
        "inglese ma nessuna nella lingua richiesta, perché i traduttori sappiano che cosa resta da fare.",
    ),
    "Every subcomponent (practice) of the operating model with the process group and component it sits in, "
    "ordered by notation: the model's table of contents.": (
        "Chaque sous-composante (pratique) du modèle opérationnel avec le groupe de processus et la composante "
        "dont elle relève, dans l'ordre des codes : la table des matières du modèle.",
        "Cada subcomponente (práctica) del modelo operativo con el grupo de procesos y el componente en los que "
        "se sitúa, por orden de código: el índice del modelo.",
        "Jede Teilkomponente (Praxis) des Betriebsmodells mit der Prozessgruppe und der Komponente, zu der sie "
        "gehört, nach Kennung geordnet: das Inhaltsverzeichnis des Modells.",
        "Ogni sottocomponente (pratica) del modello operativo con il gruppo di processi e il componente in cui "
        "si colloca, in ordine di codice: l'indice del modello.",
    ),
    "For every pair of an ISO 37101 purpose of sustainable development and an issue, how many of the city's "
    "strategic objectives serve that purpose and address that issue. Pairs with zero show where the strategy is "
    "silent.": (
        "Pour chaque paire d'une finalité de développement durable de l'ISO 37101 et d'un enjeu, combien "
        "d'objectifs stratégiques de la ville servent cette finalité et traitent cet enjeu. Les paires à zéro "
        "montrent où la stratégie se tait.",
        "Para cada par formado por un propósito de desarrollo sostenible de ISO 37101 y una cuestión, cuántos "
        "objetivos estratégicos de la ciudad sirven a ese propósito y abordan esa cuestión. Los pares con cero "
        "muestran dónde calla la estrategia.",
        "Für jedes Paar aus einem Zweck nachhaltiger Entwicklung nach ISO 37101 und einem Thema, wie viele "
        "strategische Ziele der Stadt diesem Zweck dienen und dieses Thema behandeln. Paare mit null zeigen, wo "
        "die Strategie schweigt.",
        "Per ogni coppia di una finalità di sviluppo sostenibile della ISO 37101 e di una questione, quanti "
        "obiettivi strategici della città servono quella finalità e affrontano quella questione. Le coppie a "
        "zero mostrano dove la strategia tace.",
    ),
    "IoT devices that the city's register marks as collecting personal data but that state no retention period, "
    "with their operator, data classification and the categories of data they collect.": (
        "Les appareils IoT que le registre de la ville marque comme collectant des données personnelles mais "
        "qui n'indiquent aucune durée de conservation, avec leur exploitant, leur classification des données et "
        "les catégories de données qu'ils collectent.",
        "Los dispositivos IoT que el registro de la ciudad marca como recogedores de datos personales pero que "
        "no indican ningún plazo de conservación, con su operador, su clasificación de datos y las categorías "
        "de datos que recogen.",
        "IoT-Geräte, die das Register der Stadt als Erheber personenbezogener Daten kennzeichnet, die aber "
        "keine Aufbewahrungsfrist angeben, mit ihrem Betreiber, ihrer Datenklassifizierung und den Kategorien "
        "der Daten, die sie erheben.",
        "I dispositivi IoT che il registro della città segna come raccoglitori di dati personali ma che non "
        "indicano alcun periodo di conservazione, con il loro gestore, la classificazione dei dati e le "
        "categorie di dati che raccolgono.",
    ),
    "Every subcomponent (practice) of the operating model with the city's initiatives, systems and services "
    "that say they advance it. Practices with no entry show where the roadmap does nothing yet.": (
        "Chaque sous-composante (pratique) du modèle opérationnel avec les initiatives, systèmes et services de "
        "la ville qui disent la faire avancer. Les pratiques sans entrée montrent où la feuille de route ne "
        "fait encore rien.",
        "Cada subcomponente (práctica) del modelo operativo con las iniciativas, sistemas y servicios de la "
        "ciudad que dicen hacerla avanzar. Las prácticas sin entradas muestran dónde la hoja de ruta aún no "
        "hace nada.",
        "Jede Teilkomponente (Praxis) des Betriebsmodells mit den Initiativen, Systemen und Diensten der Stadt, "
        "die angeben, sie voranzubringen. Praktiken ohne Eintrag zeigen, wo die Roadmap noch nichts tut.",
        "Ogni sottocomponente (pratica) del modello operativo con le iniziative, i sistemi e i servizi della "
        "città che dichiarano di farla avanzare. Le pratiche senza voci mostrano dove la tabella di marcia non "
        "fa ancora nulla.",
    ),
    "The subcomponents (practices) of the operating model that one practice relies on, with the reason recorded "
    "for each linkage, and the process group each of them belongs to. Read from the reference model.": (
        "Les sous-composantes (pratiques) du modèle opérationnel sur lesquelles une pratique s'appuie, avec la "
        "raison consignée pour chaque lien et le groupe de processus de chacune. Lu dans le modèle de référence.",
        "Las subcomponentes (prácticas) del modelo operativo en las que se apoya una práctica, con el motivo "
        "registrado para cada vínculo y el grupo de procesos al que pertenece cada una. Leído del modelo de "
        "referencia.",
        "Die Teilkomponenten (Praktiken) des Betriebsmodells, auf die sich eine Praxis stützt, mit der für jede "
        "Verknüpfung erfassten Begründung und der Prozessgruppe jeder von ihnen. Aus dem Referenzmodell gelesen.",
        "Le sottocomponenti (pratiche) del modello operativo su cui una pratica si appoggia, con la motivazione "
        "registrata per ogni collegamento e il gruppo di processi a cui ciascuna appartiene. Letto dal modello "
        "di riferimento.",
    ),
    "Each delivery principle with the number of key risks the reference model says it mitigates, most first, "
    "and those risks named: where to invest first to lower the most risks.": (
        "Chaque principe de mise en œuvre avec le nombre de risques clés que le modèle de référence lui fait "
        "atténuer, les plus nombreux d'abord, et ces risques nommés : où investir d'abord pour réduire le plus "
        "de risques.",
        "Cada principio de ejecución con el número de riesgos clave que, según el modelo de referencia, mitiga, "
        "de más a menos, y esos riesgos nombrados: dónde invertir primero para reducir más riesgos.",
        "Jeder Umsetzungsgrundsatz mit der Zahl der Hauptrisiken, die er laut Referenzmodell mindert, die "
        "meisten zuerst, und diese Risiken genannt: wo zuerst investieren, um die meisten Risiken zu senken.",
        "Ogni principio di attuazione con il numero di rischi chiave che secondo il modello di riferimento "
        "mitiga, dal più alto, e quei rischi nominati: dove investire prima per ridurre più rischi.",
    ),
    "Each risk the city recorded with the key risk it is an instance of, its latest assessment (likelihood and "
    "impact from 1 to 5, and their product as the score) and its mitigations.": (
        "Chaque risque consigné par la ville avec le risque clé dont il est un cas, sa dernière évaluation "
        "(probabilité et impact de 1 à 5, et leur produit comme score) et ses mesures d'atténuation.",
        "Cada riesgo que la ciudad registró con el riesgo clave del que es un caso, su última evaluación "
        "(probabilidad e impacto de 1 a 5, y su producto como puntuación) y sus medidas de mitigación.",
        "Jedes von der Stadt erfasste Risiko mit dem Hauptrisiko, dessen Fall es ist, seiner letzten Bewertung "
        "(Wahrscheinlichkeit und Auswirkung von 1 bis 5, ihr Produkt als Punktzahl) und seinen "
        "Minderungsmaßnahmen.",
        "Ogni rischio registrato dalla città con il rischio chiave di cui è un caso, la sua ultima valutazione "
        "(probabilità e impatto da 1 a 5, e il loro prodotto come punteggio) e le sue misure di mitigazione.",
    ),
    "The initiatives and programmes on the city's roadmaps with their phases and dates, in order of start, and "
    "the practices each one advances.": (
        "Les initiatives et programmes des feuilles de route de la ville avec leurs phases et leurs dates, par "
        "ordre de début, et les pratiques que chacun fait avancer.",
        "Las iniciativas y programas de las hojas de ruta de la ciudad con sus fases y fechas, por orden de "
        "inicio, y las prácticas que cada uno hace avanzar.",
        "Die Initiativen und Programme auf den Roadmaps der Stadt mit ihren Phasen und Daten, nach Beginn "
        "geordnet, und die Praktiken, die jedes voranbringt.",
        "Le iniziative e i programmi delle tabelle di marcia della città con le loro fasi e date, in ordine di "
        "inizio, e le pratiche che ciascuno fa avanzare.",
    ),
    "IoT devices whose data classification is at or above a rank (public 1, sensitive 2, private 3, "
    "confidential 4) but that do not state that their data is encrypted in transit and at rest.": (
        "Les appareils IoT dont la classification des données atteint ou dépasse un rang (public 1, sensible 2, "
        "privé 3, confidentiel 4) mais qui n'indiquent pas que leurs données sont chiffrées en transit et au "
        "repos.",
        "Los dispositivos IoT cuya clasificación de datos alcanza o supera un rango (público 1, sensible 2, "
        "privado 3, confidencial 4) pero que no indican que sus datos estén cifrados en tránsito y en reposo.",
        "IoT-Geräte, deren Datenklassifizierung einen Rang erreicht oder übersteigt (öffentlich 1, sensibel 2, "
        "privat 3, vertraulich 4), die aber nicht angeben, dass ihre Daten bei der Übertragung und im "
        "Ruhezustand verschlüsselt sind.",
        "I dispositivi IoT la cui classificazione dei dati raggiunge o supera un livello (pubblico 1, sensibile "
        "2, privato 3, riservato 4) ma che non indicano che i loro dati sono cifrati in transito e a riposo.",
    ),
    "The datasets each of the city's services uses, directly or through the systems that support it, with "
    "publisher, licence, data classification and whether they hold personal data.": (
        "Les jeux de données qu'utilise chaque service de la ville, directement ou par les systèmes qui le "
        "soutiennent, avec l'éditeur, la licence, la classification des données et s'ils contiennent des "
        "données personnelles.",
        "Los conjuntos de datos que usa cada servicio de la ciudad, directamente o a través de los sistemas que "
        "lo sostienen, con el editor, la licencia, la clasificación de datos y si contienen datos personales.",
        "Die Datensätze, die jeder Dienst der Stadt nutzt, direkt oder über die Systeme, die ihn tragen, mit "
        "Herausgeber, Lizenz, Datenklassifizierung und ob sie personenbezogene Daten enthalten.",
        "I dataset che ogni servizio della città usa, direttamente o attraverso i sistemi che lo sostengono, "
        "con l'editore, la licenza, la classificazione dei dati e se contengono dati personali.",
    ),
    "The city's services that cannot be used through any digital channel, with the channel types they do offer "
    "(empty when no channel at all is recorded) and the user groups they serve.": (
        "Les services de la ville qu'aucun canal numérique ne permet d'utiliser, avec les types de canaux "
        "qu'ils offrent (vide quand aucun canal n'est consigné) et les groupes d'usagers qu'ils servent.",
        "Los servicios de la ciudad que no pueden usarse por ningún canal digital, con los tipos de canal que "
        "sí ofrecen (vacío cuando no consta ningún canal) y los grupos de usuarios a los que sirven.",
        "Die Dienste der Stadt, die über keinen digitalen Kanal nutzbar sind, mit den Kanalarten, die sie "
        "anbieten (leer, wenn gar kein Kanal erfasst ist), und den Nutzergruppen, denen sie dienen.",
        "I servizi della città che non si possono usare attraverso alcun canale digitale, con i tipi di canale "
        "che offrono (vuoto quando non è registrato alcun canale) e i gruppi di utenti che servono.",
    ),
    "The city's systems that take part in no recorded interoperability need, neither as the party that provides "
    "information nor as the one that receives it. Each one is a candidate for the B5 interoperability map.": (
        "Les systèmes de la ville qui ne prennent part à aucun besoin d'interopérabilité consigné, ni comme "
        "partie qui fournit l'information ni comme celle qui la reçoit. Chacun est un candidat pour la carte "
        "d'interopérabilité de B5.",
        "Los sistemas de la ciudad que no participan en ninguna necesidad de interoperabilidad registrada, ni "
        "como la parte que proporciona la información ni como la que la recibe. Cada uno es un candidato para "
        "el mapa de interoperabilidad de B5.",
        "Die Systeme der Stadt, die an keinem erfassten Interoperabilitätsbedarf beteiligt sind, weder als "
        "Partei, die Informationen liefert, noch als die, die sie empfängt. Jedes ist ein Kandidat für die "
        "Interoperabilitätskarte von B5.",
        "I sistemi della città che non partecipano ad alcuna esigenza di interoperabilità registrata, né come "
        "parte che fornisce l'informazione né come quella che la riceve. Ognuno è un candidato per la mappa di "
        "interoperabilità di B5.",
    ),
    "Each key risk of the operating model for which the city's data holds no risk with a mitigation. The column "
    "'recorded' says whether the city has at least noted a risk of that kind; 'suggestedPractices' lists the "
    "practices the reference model names as mitigating it.": (
        "Chaque risque clé du modèle opérationnel pour lequel les données de la ville ne contiennent aucun "
        "risque assorti d'une mesure d'atténuation. La colonne 'recorded' dit si la ville a au moins noté un "
        "risque de ce type ; 'suggestedPractices' liste les pratiques que le modèle de référence indique pour "
        "l'atténuer.",
        "Cada riesgo clave del modelo operativo para el que los datos de la ciudad no contienen ningún riesgo "
        "con una medida de mitigación. La columna 'recorded' indica si la ciudad ha anotado al menos un riesgo "
        "de ese tipo; 'suggestedPractices' enumera las prácticas que el modelo de referencia señala para "
        "mitigarlo.",
        "Jedes Hauptrisiko des Betriebsmodells, für das die Daten der Stadt kein Risiko mit einer "
        "Minderungsmaßnahme enthalten. Die Spalte 'recorded' sagt, ob die Stadt wenigstens ein Risiko dieser "
        "Art vermerkt hat; 'suggestedPractices' nennt die Praktiken, die das Referenzmodell zu seiner Minderung "
        "angibt.",
        "Ogni rischio chiave del modello operativo per il quale i dati della città non contengono alcun rischio "
        "con una misura di mitigazione. La colonna 'recorded' dice se la città ha almeno annotato un rischio di "
        "quel tipo; 'suggestedPractices' elenca le pratiche che il modello di riferimento indica per mitigarlo.",
    ),
}
T.update(DESCRIPTIONS)
