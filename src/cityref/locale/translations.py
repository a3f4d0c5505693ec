"""The interface's translations, kept as one table (English msgid: French, Spanish, German, Italian) and written
to the gettext catalogues by ``python -m cityref.locale.translations``, which first refreshes ``messages.pot``
from the sources and stops, naming them, when a string has no row here. The table is the source: a change made
to a ``.po`` file by hand is overwritten the next time the module runs."""

from __future__ import annotations

import datetime

T: dict[str, tuple[str, str, str, str]] = {
    "%(kind)s in the cityref ontology": (
        "%(kind)s de l'ontologie cityref",
        "%(kind)s de la ontología cityref",
        "%(kind)s der cityref-Ontologie",
        "%(kind)s dell'ontologia cityref",
    ),
    "%(name)s (%(lang)s)": ("%(name)s (%(lang)s)",) * 4,
    "%(seconds)s s": ("%(seconds)s s",) * 4,
    "API": ("API", "API", "API", "API"),
    "Address": ("Adresse", "Dirección", "Adresse", "Indirizzo"),
    "Also as:": ("Aussi en :", "También como:", "Auch als:", "Anche come:"),
    "Annotation properties": (
        "Propriétés d'annotation",
        "Propiedades de anotación",
        "Annotationseigenschaften",
        "Proprietà di annotazione",
    ),
    "Ask for the service description with <code>Accept: text/turtle</code>.": (
        "La description du service s'obtient avec <code>Accept: text/turtle</code>.",
        "La descripción del servicio se obtiene con <code>Accept: text/turtle</code>.",
        "Die Dienstbeschreibung liefert <code>Accept: text/turtle</code>.",
        "La descrizione del servizio si ottiene con <code>Accept: text/turtle</code>.",
    ),
    "Authentication required": (
        "Authentification requise",
        "Se requiere autenticación",
        "Anmeldung erforderlich",
        "Autenticazione richiesta",
    ),
    "Back to the start page": (
        "Retour à la page d'accueil",
        "Volver a la página de inicio",
        "Zurück zur Startseite",
        "Torna alla pagina iniziale",
    ),
    "Bad request": ("Requête incorrecte", "Solicitud incorrecta", "Fehlerhafte Anfrage", "Richiesta non valida"),
    "Broader": ("Plus général", "Más amplio", "Übergeordnet", "Più ampio"),
    "Canned queries": (
        "Requêtes prêtes à l'emploi",
        "Consultas predefinidas",
        "Vorgefertigte Abfragen",
        "Query predefinite",
    ),
    "Change note": ("Note de modification", "Nota de cambio", "Änderungshinweis", "Nota di modifica"),
    "Checked in the context of %(graph)s: what the city holds there counts, and results are listed for the "
    "delivery's own nodes only.": (
        "Contrôlé dans le contexte de %(graph)s : ce que la ville y détient est pris en compte, et seuls les nœuds "
        "propres à la livraison figurent dans les résultats.",
        "Comprobado en el contexto de %(graph)s: cuenta lo que la ciudad tiene allí, y los resultados solo "
        "recogen los nodos propios de la entrega.",
        "Im Kontext von %(graph)s geprüft: Was die Stadt dort hält, zählt mit, und die Ergebnisse nennen nur "
        "die eigenen Knoten der Lieferung.",
        "Verificato nel contesto di %(graph)s: conta ciò che la città vi detiene, e i risultati elencano solo "
        "i nodi propri della consegna.",
    ),
    "Choose one or more profiles and the files to check (Turtle, N-Triples, JSON-LD, RDF/XML or TriG, up to "
    "%(max_mb)s MB in all). The report lists each problem with the term it concerns and how to fix it.": (
        "Choisissez un ou plusieurs profils et les fichiers à contrôler (Turtle, N-Triples, JSON-LD, RDF/XML ou "
        "TriG, %(max_mb)s Mo au plus en tout). Le rapport présente chaque problème avec le terme concerné et la "
        "façon de le corriger.",
        "Elija uno o varios perfiles y los archivos que desea comprobar (Turtle, N-Triples, JSON-LD, RDF/XML o "
        "TriG, hasta %(max_mb)s MB en total). El informe muestra cada problema junto con el término afectado y "
        "cómo resolverlo.",
        "Wählen Sie ein oder mehrere Profile und die zu prüfenden Dateien (Turtle, N-Triples, JSON-LD, RDF/XML "
        "oder TriG, insgesamt höchstens %(max_mb)s MB). Der Bericht nennt jedes Problem mit dem betroffenen "
        "Begriff und dem Weg zur Behebung.",
        "Scegli uno o più profili e i file da verificare (Turtle, N-Triples, JSON-LD, RDF/XML o TriG, fino a "
        "%(max_mb)s MB in tutto). Il rapporto elenca ogni problema con il termine interessato e il modo di "
        "risolverlo.",
    ),
    "Cities": ("Villes", "Ciudades", "Städte", "Città"),
    "Class": ("Classe", "Clase", "Klasse", "Classe"),
    "Classes": ("Classes", "Clases", "Klassen", "Classi"),
    "Column": ("Colonne", "Columna", "Spalte", "Colonna"),
    "Concept": ("Concept", "Concepto", "Begriff", "Concetto"),
    "Concept scheme": ("Schéma de concepts", "Esquema de conceptos", "Begriffsschema", "Schema di concetti"),
    "Concept schemes": ("Schémas de concepts", "Esquemas de conceptos", "Begriffsschemata", "Schemi di concetti"),
    "Conforms": ("Conforme", "Conforme", "Konform", "Conforme"),
    "Contents": ("Sommaire", "Contenido", "Inhalt", "Indice"),
    "Datatype properties": (
        "Propriétés de type de données",
        "Propiedades de tipo de dato",
        "Datentyp-Eigenschaften",
        "Proprietà di tipo di dato",
    ),
    "Defined by": ("Défini par", "Definido por", "Definiert durch", "Definito da"),
    "Definition": ("Définition", "Definición", "Definition", "Definizione"),
    "Deprecated": ("Obsolète", "Obsoleto", "Veraltet", "Deprecato"),
    "Did you mean": ("Vouliez-vous dire", "Quizá quería decir", "Meinten Sie", "Forse cercavi"),
    "Does not conform": ("Non conforme", "No conforme", "Nicht konform", "Non conforme"),
    "Domain": ("Domaine", "Dominio", "Definitionsbereich", "Dominio"),
    "Endpoint:": ("Point d'accès :", "Punto de acceso:", "Endpunkt:", "Endpoint:"),
    "File": ("Fichier", "Archivo", "Datei", "File"),
    "Files": ("Fichiers", "Archivos", "Dateien", "File"),
    "Find a term: a label in any of five languages, a code such as B5, or an IRI": (
        "Trouver un terme : un libellé dans l'une des cinq langues, un code comme B5 ou une IRI",
        "Buscar un término: una etiqueta en cualquiera de las cinco lenguas, un código como B5 o una IRI",
        "Begriff suchen: eine Bezeichnung in einer der fünf Sprachen, ein Kürzel wie B5 oder eine IRI",
        "Cerca un termine: un'etichetta in una delle cinque lingue, un codice come B5 o un IRI",
    ),
    "Focus node": ("Nœud visé", "Nodo foco", "Fokusknoten", "Nodo focale"),
    "Forbidden": ("Accès refusé", "Prohibido", "Verboten", "Vietato"),
    "Gone": ("Supprimé", "Eliminado", "Entfernt", "Rimosso"),
    "HTTP API": ("API HTTP", "API HTTP", "HTTP-API", "API HTTP"),
    "How to fix": ("Comment corriger", "Cómo corregirlo", "So beheben Sie es", "Come correggere"),
    "In scheme": ("Dans le schéma", "En el esquema", "Im Schema", "Nello schema"),
    "Individual": ("Individu", "Individuo", "Individuum", "Individuo"),
    "Info": ("Information", "Información", "Hinweis", "Informazione"),
    "Internal error": ("Erreur interne", "Error interno", "Interner Fehler", "Errore interno"),
    "Invalid parameters": (
        "Paramètres non valides",
        "Parámetros no válidos",
        "Ungültige Parameter",
        "Parametri non validi",
    ),
    "Known values": ("Valeurs connues", "Valores conocidos", "Bekannte Werte", "Valori noti"),
    "Label (%(lang)s)": ("Libellé (%(lang)s)", "Etiqueta (%(lang)s)", "Bezeichnung (%(lang)s)", "Etichetta (%(lang)s)"),
    "Language": ("Langue", "Idioma", "Sprache", "Lingua"),
    "Language of the messages": (
        "Langue des messages",
        "Idioma de los mensajes",
        "Sprache der Meldungen",
        "Lingua dei messaggi",
    ),
    "Limit": ("Limite", "Límite", "Grenze", "Limite"),
    "Limit exceeded": ("Limite dépassée", "Límite superado", "Grenze überschritten", "Limite superato"),
    "Line": ("Ligne", "Línea", "Zeile", "Riga"),
    "Linkage": ("Lien", "Vínculo", "Verknüpfung", "Collegamento"),
    "Main": ("Navigation principale", "Navegación principal", "Hauptnavigation", "Navigazione principale"),
    "Message": ("Message", "Mensaje", "Meldung", "Messaggio"),
    "Method Not Allowed": (
        "Méthode non autorisée",
        "Método no permitido",
        "Methode nicht erlaubt",
        "Metodo non consentito",
    ),
    "Mitigated by": ("Atténué par", "Mitigado por", "Gemindert durch", "Mitigato da"),
    "Mitigates": ("Atténue", "Mitiga", "Mindert", "Mitiga"),
    "Model": ("Modèle", "Modelo", "Modell", "Modello"),
    "Modules": ("Modules", "Módulos", "Module", "Moduli"),
    "Narrower": ("Plus spécifique", "Más específico", "Untergeordnet", "Più specifico"),
    "Not Found": ("Introuvable", "No encontrado", "Nicht gefunden", "Non trovato"),
    "Not acceptable": (
        "Format non disponible",
        "Formato no disponible",
        "Format nicht verfügbar",
        "Formato non disponibile",
    ),
    "Not found": ("Introuvable", "No encontrado", "Nicht gefunden", "Non trovato"),
    "Not ready": ("Pas encore prêt", "Aún no está listo", "Noch nicht fertig", "Non ancora pronto"),
    "Notation": ("Notation", "Notación", "Notation", "Notazione"),
    "Object properties": ("Propriétés d'objet", "Propiedades de objeto", "Objekteigenschaften", "Proprietà di oggetto"),
    "Ontology documentation": (
        "Documentation de l'ontologie",
        "Documentación de la ontología",
        "Dokumentation der Ontologie",
        "Documentazione dell'ontologia",
    ),
    "Other formats": ("Autres formats", "Otros formatos", "Weitere Formate", "Altri formati"),
    "Other individuals": ("Autres individus", "Otros individuos", "Weitere Individuen", "Altri individui"),
    "Path": ("Chemin", "Ruta", "Pfad", "Percorso"),
    "Payload too large": (
        "Contenu trop volumineux",
        "Contenido demasiado grande",
        "Inhalt zu groß",
        "Contenuto troppo grande",
    ),
    "Profiles": ("Profils", "Perfiles", "Profile", "Profili"),
    "Programs get this error as <code>application/problem+json</code> (RFC 9457): ask with "
    "<code>Accept: application/json</code>.": (
        "Les programmes reçoivent cette erreur en <code>application/problem+json</code> (RFC 9457) : demandez-la "
        "avec <code>Accept: application/json</code>.",
        "Los programas reciben este error como <code>application/problem+json</code> (RFC 9457): pídalo con "
        "<code>Accept: application/json</code>.",
        "Programme erhalten diesen Fehler als <code>application/problem+json</code> (RFC 9457): mit "
        "<code>Accept: application/json</code> anfordern.",
        "I programmi ricevono questo errore come <code>application/problem+json</code> (RFC 9457): chiedilo con "
        "<code>Accept: application/json</code>.",
    ),
    "Property": ("Propriété", "Propiedad", "Eigenschaft", "Proprietà"),
    "Query": ("Requête", "Consulta", "Abfrage", "Query"),
    "Range": ("Portée", "Rango", "Wertebereich", "Codominio"),
    "Reads are open; updates need an API key.": (
        "La lecture est libre ; les mises à jour demandent une clé d'API.",
        "La lectura es libre; las actualizaciones necesitan una clave de API.",
        "Lesen ist frei; Änderungen brauchen einen API-Schlüssel.",
        "La lettura è libera; gli aggiornamenti richiedono una chiave API.",
    ),
    "Related": ("Associé", "Relacionado", "Verwandt", "Correlato"),
    "Request id": ("Identifiant de la requête", "Identificador de la solicitud", "Anfrage-ID", "ID della richiesta"),
    "Results as": ("Résultats en", "Resultados en", "Ergebnisse als", "Risultati in"),
    "Run": ("Exécuter", "Ejecutar", "Ausführen", "Esegui"),
    "SPARQL endpoint": ("Point d'accès SPARQL", "Punto de acceso SPARQL", "SPARQL-Endpunkt", "Endpoint SPARQL"),
    "SPARQL query page": (
        "Page de requêtes SPARQL",
        "Página de consultas SPARQL",
        "SPARQL-Abfrageseite",
        "Pagina delle query SPARQL",
    ),
    "Scope note": ("Note d'application", "Nota de alcance", "Anwendungshinweis", "Nota d'ambito"),
    "Serves practice": ("Sert la pratique", "Sirve a la práctica", "Dient der Praxis", "Serve la pratica"),
    "Service busy": ("Service occupé", "Servicio ocupado", "Dienst ausgelastet", "Servizio occupato"),
    "Service status": ("État du service", "Estado del servicio", "Dienststatus", "Stato del servizio"),
    "Severity": ("Gravité", "Gravedad", "Schweregrad", "Gravità"),
    "Skip to the content": ("Aller au contenu", "Ir al contenido", "Zum Inhalt springen", "Vai al contenuto"),
    "Source": ("Source", "Fuente", "Quelle", "Fonte"),
    "Status": ("Statut", "Estado", "Status", "Stato"),
    "Store in use": ("Stockage déjà utilisé", "Almacén en uso", "Speicher belegt", "Archivio in uso"),
    "Store unavailable": (
        "Stockage indisponible",
        "Almacén no disponible",
        "Speicher nicht erreichbar",
        "Archivio non disponibile",
    ),
    "Subclass of": ("Sous-classe de", "Subclase de", "Unterklasse von", "Sottoclasse di"),
    "Syntax error": ("Erreur de syntaxe", "Error de sintaxis", "Syntaxfehler", "Errore di sintassi"),
    "Term": ("Terme", "Término", "Begriff", "Termine"),
    "Terms": ("Termes", "Términos", "Begriffe", "Termini"),
    "The ISO 37106 smart city operating model as a shared, queryable vocabulary": (
        "Le modèle opérationnel de la ville intelligente de l'ISO 37106, en vocabulaire commun et interrogeable",
        "El modelo operativo de ciudad inteligente de la ISO 37106 como vocabulario común que se puede consultar",
        "Das Betriebsmodell der Smart City nach ISO 37106 als gemeinsames, abfragbares Vokabular",
        "Il modello operativo della città intelligente della ISO 37106 come vocabolario condiviso e interrogabile",
    ),
    "The same check runs from scripts with <code>POST /validate</code> and from the command line with "
    "<code>cityref validate</code>.": (
        "Le même contrôle s'exécute depuis un script avec <code>POST /validate</code> et en ligne de commande avec "
        "<code>cityref validate</code>.",
        "La misma comprobación se ejecuta desde scripts con <code>POST /validate</code> y desde la línea de "
        "órdenes con <code>cityref validate</code>.",
        "Dieselbe Prüfung läuft in Skripten mit <code>POST /validate</code> und auf der Kommandozeile mit "
        "<code>cityref validate</code>.",
        "La stessa verifica si esegue dagli script con <code>POST /validate</code> e dalla riga di comando con "
        "<code>cityref validate</code>.",
    ),
    "This definition is not yet written in this language; it is shown in %(language)s.": (
        "Cette définition n'est pas encore rédigée dans cette langue ; elle est affichée en %(language)s.",
        "Esta definición aún no está redactada en este idioma; se muestra en %(language)s.",
        "Diese Definition liegt in dieser Sprache noch nicht vor; sie wird auf %(language)s angezeigt.",
        "Questa definizione non è ancora scritta in questa lingua; è mostrata in %(language)s.",
    ),
    "English": ("anglais", "inglés", "Englisch", "inglese"),
    "French": ("français", "francés", "Französisch", "francese"),
    "Spanish": ("espagnol", "español", "Spanisch", "spagnolo"),
    "German": ("allemand", "alemán", "Deutsch", "tedesco"),
    "Italian": ("italien", "italiano", "Italienisch", "italiano"),
    "Time budget exceeded": (
        "Temps imparti dépassé",
        "Tiempo asignado agotado",
        "Zeitbudget überschritten",
        "Tempo a disposizione esaurito",
    ),
    "Too many requests": ("Trop de requêtes", "Demasiadas solicitudes", "Zu viele Anfragen", "Troppe richieste"),
    "Tools": ("Outils", "Herramientas", "Werkzeuge", "Strumenti"),
    "Try again in": ("Réessayer dans", "Vuelva a intentarlo en", "Erneut versuchen in", "Riprova tra"),
    "Turtle (CONSTRUCT/DESCRIBE)": ("Turtle (CONSTRUCT/DESCRIBE)",) * 4,
    "Types": ("Types", "Tipos", "Typen", "Tipi"),
    "Unsupported media type": (
        "Type de média non pris en charge",
        "Tipo de medio no admitido",
        "Medientyp nicht unterstützt",
        "Tipo di media non supportato",
    ),
    "Upstream store error": (
        "Erreur du stockage distant",
        "Error del almacén remoto",
        "Fehler des entfernten Speichers",
        "Errore dell'archivio remoto",
    ),
    "Validate": ("Valider", "Validar", "Prüfen", "Convalida"),
    "Validate a delivery": (
        "Valider une livraison",
        "Validar una entrega",
        "Eine Lieferung prüfen",
        "Convalida una consegna",
    ),
    "Validate another delivery": (
        "Valider une autre livraison",
        "Validar otra entrega",
        "Eine weitere Lieferung prüfen",
        "Convalida un'altra consegna",
    ),
    "Validation profiles": ("Profils de validation", "Perfiles de validación", "Prüfprofile", "Profili di convalida"),
    "Validation report": ("Rapport de validation", "Informe de validación", "Prüfbericht", "Rapporto di convalida"),
    "Value": ("Valeur", "Valor", "Wert", "Valore"),
    "Violation": ("Violation", "Infracción", "Verstoß", "Violazione"),
    "Warning": ("Avertissement", "Advertencia", "Warnung", "Avviso"),
    "Worker crashed": (
        "Processus de travail interrompu",
        "Proceso de trabajo caído",
        "Arbeitsprozess abgestürzt",
        "Processo di lavoro interrotto",
    ),
    "all": ("tout", "todo", "alle", "tutti"),
    "annotation property": (
        "propriété d'annotation",
        "propiedad de anotación",
        "Annotationseigenschaft",
        "proprietà di annotazione",
    ),
    "ask your own questions of the model and the city's data": (
        "posez vos propres questions au modèle et aux données de la ville",
        "haga sus propias preguntas al modelo y a los datos de la ciudad",
        "stellen Sie dem Modell und den Daten der Stadt eigene Fragen",
        "poni le tue domande al modello e ai dati della città",
    ),
    "cityref validation report": (
        "Rapport de validation cityref",
        "Informe de validación de cityref",
        "cityref-Prüfbericht",
        "Rapporto di convalida cityref",
    ),
    "class": ("classe", "clase", "Klasse", "classe"),
    "classes, properties and concept schemes, in five languages": (
        "classes, propriétés et schémas de concepts, en cinq langues",
        "clases, propiedades y esquemas de conceptos, en cinco idiomas",
        "Klassen, Eigenschaften und Begriffsschemata in fünf Sprachen",
        "classi, proprietà e schemi di concetti, in cinque lingue",
    ),
    "concept": ("concept", "concepto", "Begriff", "concetto"),
    "concept scheme": ("schéma de concepts", "esquema de conceptos", "Begriffsschema", "schema di concetti"),
    "contents:": ("sommaire :", "contenido:", "Inhalt:", "indice:"),
    "datatype property": (
        "propriété de type de données",
        "propiedad de tipo de dato",
        "Datentyp-Eigenschaft",
        "proprietà di tipo di dato",
    ),
    "defined by": ("défini par", "definido por", "definiert durch", "definito da"),
    "deprecated": ("obsolète", "obsoleto", "veraltet", "deprecato"),
    "every route, from the OpenAPI description": (
        "toutes les routes, d'après la description OpenAPI",
        "todas las rutas, según la descripción OpenAPI",
        "alle Routen, aus der OpenAPI-Beschreibung",
        "tutte le rotte, dalla descrizione OpenAPI",
    ),
    "individual": ("individu", "individuo", "Individuum", "individuo"),
    "interoperability, B5, privacy…": (
        "interopérabilité, B5, vie privée…",
        "interoperabilidad, B5, privacidad…",
        "Interoperabilität, B5, Datenschutz…",
        "interoperabilità, B5, privacy…",
    ),
    "labels": ("libellés", "etiquetas", "Bezeichnungen", "etichette"),
    "link to this term": (
        "lien vers ce terme",
        "enlace a este término",
        "Link zu diesem Begriff",
        "collegamento a questo termine",
    ),
    "modules:": ("modules :", "módulos:", "Module:", "moduli:"),
    "object property": ("propriété d'objet", "propiedad de objeto", "Objekteigenschaft", "proprietà di oggetto"),
    "only the first %(count)s results are listed": (
        "seuls les %(count)s premiers résultats sont listés",
        "solo se muestran los %(count)s primeros resultados",
        "nur die ersten %(count)s Ergebnisse sind aufgeführt",
        "sono elencati solo i primi %(count)s risultati",
    ),
    "ontology version %(number)s": (
        "ontologie version %(number)s",
        "ontología versión %(number)s",
        "Ontologie Version %(number)s",
        "ontologia versione %(number)s",
    ),
    "other formats:": ("autres formats :", "otros formatos:", "weitere Formate:", "altri formati:"),
    "questions architects ask often, with parameters (JSON)": (
        "les questions fréquentes des architectes, avec paramètres (JSON)",
        "preguntas habituales de los arquitectos, con parámetros (JSON)",
        "häufige Fragen von Architekten, mit Parametern (JSON)",
        "le domande frequenti degli architetti, con parametri (JSON)",
    ),
    "server %(number)s": ("serveur %(number)s", "servidor %(number)s", "Server %(number)s", "server %(number)s"),
    "smart city reference model": (
        "modèle de référence de la ville intelligente",
        "modelo de referencia de ciudad inteligente",
        "Referenzmodell der Smart City",
        "modello di riferimento della città intelligente",
    ),
    "source": ("source", "fuente", "Quelle", "fonte"),
    "the given shapes": ("les formes fournies", "las formas indicadas", "die angegebenen Shapes", "le forme indicate"),
    "the rules a delivery is checked against (JSON)": (
        "les règles auxquelles une livraison est confrontée (JSON)",
        "las reglas con las que se comprueba una entrega (JSON)",
        "die Regeln, nach denen eine Lieferung geprüft wird (JSON)",
        "le regole con cui si verifica una consegna (JSON)",
    ),
    "timeout (s)": ("délai (s)", "tiempo límite (s)", "Zeitlimit (s)", "tempo limite (s)"),
    "upload data files and read a report on what to fix": (
        "déposez des fichiers de données et lisez ce qu'il faut corriger",
        "suba archivos de datos y lea qué hay que corregir",
        "Datendateien hochladen und lesen, was zu beheben ist",
        "carica file di dati e leggi che cosa correggere",
    ),
    "version %(number)s": ("version %(number)s", "versión %(number)s", "Version %(number)s", "versione %(number)s"),
    "versions and the state of the store (JSON)": (
        "versions et état du stockage (JSON)",
        "versiones y estado del almacén (JSON)",
        "Versionen und Zustand des Speichers (JSON)",
        "versioni e stato dell'archivio (JSON)",
    ),
    "withdrawn, no replacement": (
        "retiré, sans remplaçant",
        "retirado, sin sustituto",
        "zurückgezogen, ohne Ersatz",
        "ritirato, senza sostituto",
    ),
}


def _feature_tables() -> None:
    """Fold in the rows of each ``rows_*.py`` module beside this one (a feature's own strings, kept apart so that
    work on two features never edits the same table); a msgid given twice must be translated the same way."""
    import importlib
    import pkgutil
    from pathlib import Path

    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if not info.name.startswith("rows_"):
            continue
        rows: dict[str, tuple[str, str, str, str]] = importlib.import_module(f"cityref.locale.{info.name}").T
        for msgid, row in rows.items():
            if T.setdefault(msgid, row) != row:
                raise SystemExit(f"{info.name}: {msgid!r} is translated otherwise in another table")


LANGS = ("fr", "es", "de", "it")


_FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
"""Written as the catalogues' dates so that regenerating them changes only what a translation changed (a clock
in the header made every regeneration a merge conflict)."""


def main() -> None:
    import subprocess
    import sys
    from pathlib import Path

    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    here = Path(__file__).parent
    package = here.parent
    pot = here / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(here / "babel.cfg"),
         "-k", "N_", "-k", "Said", "--no-location", "--sort-output", "--omit-header", "-o", str(pot), str(package)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    with pot.open("rb") as handle:
        template = read_po(handle)
    _feature_tables()
    missing = [m.id for m in template if m.id and m.id not in T]
    if missing:
        raise SystemExit(f"untranslated: {missing}")
    for index, lang in enumerate(LANGS):
        catalog = Catalog(
            locale=lang, project="cityref", domain="messages", copyright_holder="cityref project",
            last_translator="cityref project", language_team="cityref project", fuzzy=False,
            creation_date=_FIXED_DATE, revision_date=_FIXED_DATE,
        )  # fmt: skip
        for message in template:
            if message.id:
                catalog.add(message.id, T[str(message.id)][index])
        target = here / lang / "LC_MESSAGES" / "messages.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            write_po(handle, catalog, omit_header=False, no_location=True, sort_output=True, width=120)


if __name__ == "__main__":
    main()
