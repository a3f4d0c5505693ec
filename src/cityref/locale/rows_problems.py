"""Problem details in our own words (:class:`cityref.errors.Said`), which the pages show in the reader's language:
English, then fr, es, de, it. A ``%(doing)s`` is one of the activities below, written to start a sentence."""

T: dict[str, tuple[str, str, str, str]] = {
    "Give a delivery to check: paste it, choose or drop files, or name a URL": (
        "Fournissez une livraison à contrôler : collez-la, choisissez ou déposez des fichiers, ou indiquez une URL",
        "Proporcione una entrega que comprobar: péguela, elija o suelte archivos, o indique una URL",
        "Geben Sie eine Lieferung zur Prüfung an: Fügen Sie sie ein, wählen oder ziehen Sie Dateien hierher, oder "
        "nennen Sie eine URL",
        "Fornite una consegna da verificare: incollatela, scegliete o trascinate dei file, o indicate un URL",
    ),
    "Choose at least one profile": (
        "Choisissez au moins un profil",
        "Elija al menos un perfil",
        "Wählen Sie mindestens ein Profil",
        "Scegliete almeno un profilo",
    ),
    "The body is larger than the %(limit)s-byte limit": (
        "Le corps de la requête dépasse la limite de %(limit)s octets",
        "El cuerpo de la solicitud supera el límite de %(limit)s bytes",
        "Der Anfragekörper ist größer als die Grenze von %(limit)s Byte",
        "Il corpo della richiesta supera il limite di %(limit)s byte",
    ),
    "The XML document expands to more than %(limit)s bytes of text through its entities; an expanded document "
    "must stay within the body limit": (
        "Le document XML se développe, par ses entités, en plus de %(limit)s octets de texte ; un document "
        "développé doit rester dans la limite de taille du corps de la requête",
        "El documento XML se expande, mediante sus entidades, a más de %(limit)s bytes de texto; un documento "
        "expandido debe respetar el límite del cuerpo de la solicitud",
        "Das XML-Dokument wächst durch seine Entitäten auf mehr als %(limit)s Byte Text an; ein erweitertes "
        "Dokument muss innerhalb der Größengrenze des Anfragekörpers bleiben",
        "Il documento XML si espande, tramite le sue entità, in più di %(limit)s byte di testo; un documento "
        "espanso deve restare entro il limite del corpo della richiesta",
    ),
    "The data holds more than %(count)s triples": (
        "Les données contiennent plus de %(count)s triplets",
        "Los datos contienen más de %(count)s tripletas",
        "Die Daten enthalten mehr als %(count)s Tripel",
        "I dati contengono più di %(count)s triple",
    ),
    "The graph has more than %(count)s triples": (
        "Le graphe contient plus de %(count)s triplets",
        "El grafo contiene más de %(count)s tripletas",
        "Der Graph enthält mehr als %(count)s Tripel",
        "Il grafo contiene più di %(count)s triple",
    ),
    "The context %(name)s holds more than %(count)s triples": (
        "Le contexte %(name)s contient plus de %(count)s triplets",
        "El contexto %(name)s contiene más de %(count)s tripletas",
        "Der Kontext %(name)s enthält mehr als %(count)s Tripel",
        "Il contesto %(name)s contiene più di %(count)s triple",
    ),
    "The delivery and the context %(name)s together hold more than %(count)s triples (the context alone holds "
    "%(held)s)": (
        "La livraison et le contexte %(name)s contiennent ensemble plus de %(count)s triplets (le contexte seul en "
        "contient %(held)s)",
        "La entrega y el contexto %(name)s contienen juntos más de %(count)s tripletas (el contexto solo contiene "
        "%(held)s)",
        "Die Lieferung und der Kontext %(name)s enthalten zusammen mehr als %(count)s Tripel (der Kontext allein "
        "enthält %(held)s)",
        "La consegna e il contesto %(name)s contengono insieme più di %(count)s triple (il contesto da solo ne "
        "contiene %(held)s)",
    ),
    "The graph <%(graph)s> holds more than %(count)s triples, too many to validate against "
    "(validation_context_max_triples)": (
        "Le graphe <%(graph)s> contient plus de %(count)s triplets, trop pour servir de contexte à une validation "
        "(validation_context_max_triples)",
        "El grafo <%(graph)s> contiene más de %(count)s tripletas, demasiadas para validar contra él "
        "(validation_context_max_triples)",
        "Der Graph <%(graph)s> enthält mehr als %(count)s Tripel, zu viele, um dagegen zu validieren "
        "(validation_context_max_triples)",
        "Il grafo <%(graph)s> contiene più di %(count)s triple, troppe per validare rispetto a esso "
        "(validation_context_max_triples)",
    ),
    "%(doing)s took longer than %(seconds)s s and was stopped": (
        "%(doing)s a pris plus de %(seconds)s s et a été arrêtée",
        "%(doing)s tardó más de %(seconds)s s y se detuvo",
        "%(doing)s dauerte länger als %(seconds)s s und wurde abgebrochen",
        "%(doing)s ha richiesto più di %(seconds)s s ed è stata interrotta",
    ),
    "%(doing)s needed more than the %(mib)s MiB memory limit and was stopped": (
        "%(doing)s a demandé plus que la limite de mémoire de %(mib)s Mio et a été arrêtée",
        "%(doing)s necesitó más memoria que el límite de %(mib)s MiB y se detuvo",
        "%(doing)s brauchte mehr als die Speichergrenze von %(mib)s MiB und wurde abgebrochen",
        "%(doing)s ha richiesto più del limite di memoria di %(mib)s MiB ed è stata interrotta",
    ),
    # the activities: each feminine in French and Italian, as the two sentences above need
    "Validating the delivery": (
        "La validation de la livraison",
        "La validación de la entrega",
        "Die Validierung der Lieferung",
        "La validazione della consegna",
    ),
    "Reading the upload": (
        "La lecture du fichier envoyé",
        "La lectura del archivo enviado",
        "Das Lesen des Uploads",
        "La lettura del file caricato",
    ),
    "Parsing the SPARQL text": (
        "L'analyse du texte SPARQL",
        "El análisis del texto SPARQL",
        "Das Parsen des SPARQL-Textes",
        "L'analisi del testo SPARQL",
    ),
    "The %(work)s queue is full (%(waiting)s waiting); try again shortly": (
        "La file d'attente des %(work)s est pleine (%(waiting)s en attente) ; réessayez dans un instant",
        "La cola de %(work)s está llena (%(waiting)s en espera); vuelva a intentarlo en breve",
        "Die Warteschlange für %(work)s ist voll (%(waiting)s warten); versuchen Sie es gleich noch einmal",
        "La coda delle %(work)s è piena (%(waiting)s in attesa); riprovate tra poco",
    ),
    "Every %(work)s slot stayed busy for the whole %(seconds)s s budget; try again later": (
        "Tous les emplacements de %(work)s sont restés occupés pendant tout le budget de %(seconds)s s ; réessayez "
        "plus tard",
        "Todas las plazas de %(work)s siguieron ocupadas durante todo el presupuesto de %(seconds)s s; vuelva a "
        "intentarlo más tarde",
        "Alle Plätze für %(work)s blieben während des ganzen Zeitbudgets von %(seconds)s s belegt; versuchen Sie "
        "es später erneut",
        "Tutti gli slot per le %(work)s sono rimasti occupati per l'intero budget di %(seconds)s s; riprovate più "
        "tardi",
    ),
    # the kinds of work a gate bounds, as the two sentences above name them (plural, feminine in Italian)
    "query": ("requêtes", "consultas", "Abfragen", "query"),
    "validation": ("validations", "validaciones", "Validierungen", "validazioni"),
    "write": ("écritures", "escrituras", "Schreibvorgänge", "scritture"),
}
