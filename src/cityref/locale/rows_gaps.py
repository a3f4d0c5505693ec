"""Interface strings of the gap-analysis canned queries: English, then fr, es, de, it."""

T: dict[str, tuple[str, str, str, str]] = {
    "Interoperability needs still open around an established practice": (
        "Besoins d'interopérabilité encore ouverts autour d'une pratique établie",
        "Necesidades de interoperabilidad aún abiertas en torno a una práctica consolidada",
        "Noch offene Interoperabilitätsbedarfe rund um eine etablierte Praxis",
        "Esigenze di interoperabilità ancora aperte attorno a una pratica consolidata",
    ),
    "For the chosen practice adoption assessment, each interoperability need that is not achieved and involves a "
    "system an established practice relies on: a system the practice's record cites as evidence, or one the city "
    "says advances the practice. The reason is the need status's definition in the chosen language (English when it "
    "has none in that language). Serious (high) when the need is blocked, medium when identified or planned, low "
    "when in progress. The next step is B5, mapping the city's interoperability needs.": (
        "Pour l'évaluation de l'adoption des pratiques choisie, chaque besoin d'interopérabilité non réalisé qui "
        "concerne un système sur lequel s'appuie une pratique établie : un système que le relevé de la pratique cite "
        "comme preuve, ou un système dont la ville dit qu'il fait progresser la pratique. La raison est la définition "
        "du statut du besoin dans la langue choisie (en anglais s'il n'en a pas dans cette langue). Grave (élevée) "
        "quand le besoin est bloqué, moyenne quand il est identifié ou planifié, faible quand il est en cours. "
        "L'étape suivante est B5, la cartographie des besoins d'interopérabilité de la ville.",
        "Para la evaluación de la adopción de prácticas elegida, cada necesidad de interoperabilidad no lograda que "
        "afecta a un sistema en el que se apoya una práctica consolidada: un sistema que el registro de la práctica "
        "cita como prueba, o uno que, según la ciudad, hace avanzar la práctica. El motivo es la definición del "
        "estado de la necesidad en el idioma elegido (en inglés si no la tiene en ese idioma). Grave (alta) cuando la "
        "necesidad está bloqueada, media cuando está identificada o planificada, baja cuando está en curso. El "
        "siguiente paso es B5, el mapeo de las necesidades de interoperabilidad de la ciudad.",
        "Für die gewählte Bewertung der Einführung der Praktiken jeder nicht erreichte "
        "Interoperabilitätsbedarf, der ein "
        "System betrifft, auf das sich eine etablierte Praxis stützt: ein System, das der Eintrag der Praxis als "
        "Beleg anführt, oder eines, das nach Angabe der Stadt die Praxis fördert. Die Begründung ist die Definition "
        "des Bedarfsstatus in der gewählten Sprache (Englisch, wenn keine in dieser Sprache vorliegt). Schwerwiegend "
        "(hoch), wenn der Bedarf blockiert ist, mittel, wenn er erkannt oder geplant ist, niedrig, wenn er in "
        "Umsetzung ist. Der nächste Schritt ist B5, die Erfassung des Interoperabilitätsbedarfs der Stadt.",
        "Per la valutazione dell'adozione delle pratiche scelta, ogni esigenza di interoperabilità non conseguita che "
        "riguarda un sistema su cui si basa una pratica consolidata: un sistema che la registrazione della pratica "
        "cita come prova, o uno che secondo la città fa progredire la pratica. Il motivo è la definizione dello stato "
        "dell'esigenza nella lingua scelta (in inglese se non ne ha una in quella lingua). Grave (alta) quando "
        "l'esigenza è bloccata, media quando è individuata o pianificata, bassa quando è in corso. Il passo "
        "successivo è B5, la mappatura delle esigenze di interoperabilità della città.",
    ),
    "the practice adoption assessment to read": (
        "l'évaluation de l'adoption des pratiques à lire",
        "la evaluación de la adopción de prácticas que se lee",
        "die zu lesende Bewertung der Einführung der Praktiken",
        "la valutazione dell'adozione delle pratiche da leggere",
    ),
    "the language of the reasons": (
        "la langue des raisons",
        "el idioma de los motivos",
        "die Sprache der Begründungen",
        "la lingua delle motivazioni",
    ),
    "Key risks left open because what mitigates them is not adopted": (
        "Risques clés laissés ouverts faute d'adoption de ce qui les atténue",
        "Riesgos clave que siguen abiertos porque no se ha adoptado lo que los mitiga",
        "Schlüsselrisiken, die offen bleiben, weil das, was sie mindert, nicht übernommen ist",
        "Rischi chiave lasciati aperti perché ciò che li mitiga non è adottato",
    ),
    "For the chosen practice adoption assessment, each practice or delivery principle that the model names as "
    "mitigating a key risk and that the assessment marks not started or planned, or does not record. The reason is "
    "the key risk's mitigation reason in the chosen language (English when it has none in that language). Serious "
    "(high) when nothing that mitigates the risk is established and the city's own risk register names a risk of "
    "that kind, medium when nothing is established, low otherwise.": (
        "Pour l'évaluation de l'adoption des pratiques choisie, chaque pratique ou principe de mise en œuvre que le "
        "modèle désigne comme atténuant un risque clé et que l'évaluation indique comme non commencé ou prévu, ou "
        "qu'elle ne relève pas. La raison est la justification de l'atténuation du risque clé dans la langue choisie "
        "(en anglais s'il n'en a pas dans cette langue). Grave (élevée) quand rien de ce qui atténue le risque n'est "
        "établi et que le propre registre des risques de la ville nomme un risque de ce type, moyenne quand rien "
        "n'est établi, faible sinon.",
        "Para la evaluación de la adopción de prácticas elegida, cada práctica o principio de ejecución que el modelo "
        "señala como mitigador de un riesgo clave y que la evaluación marca como no iniciado o previsto, o no "
        "registra. El motivo es la justificación de la mitigación del riesgo clave en el idioma elegido (en inglés si "
        "no la tiene en ese idioma). Grave (alta) cuando nada de lo que mitiga el riesgo está consolidado y el propio "
        "registro de riesgos de la ciudad recoge un riesgo de ese tipo, media cuando nada está consolidado, baja en "
        "los demás casos.",
        "Für die gewählte Bewertung der Einführung der Praktiken jede Praxis und jedes Umsetzungsprinzip, die"
        " das Modell als "
        "Minderung eines Schlüsselrisikos nennt und die die Bewertung als nicht begonnen oder geplant kennzeichnet "
        "oder gar nicht erfasst. Die Begründung ist die Minderungsbegründung des Schlüsselrisikos in der gewählten "
        "Sprache (Englisch, wenn keine in dieser Sprache vorliegt). Schwerwiegend (hoch), wenn nichts, was das Risiko "
        "mindert, etabliert ist und das eigene Risikoregister der Stadt ein Risiko dieser Art nennt, mittel, wenn "
        "nichts etabliert ist, sonst niedrig.",
        "Per la valutazione dell'adozione delle pratiche scelta, ogni pratica o principio di attuazione che il "
        "modello indica come fattore di mitigazione di un rischio chiave e che la valutazione segna come non avviato "
        "o pianificato, o non registra. Il motivo è la ragione della mitigazione del rischio chiave nella lingua "
        "scelta (in inglese se non ne ha una in quella lingua). Grave (alta) quando nulla di ciò che mitiga il "
        "rischio è consolidato e il registro dei rischi della città stessa indica un rischio di quel tipo, media "
        "quando nulla è consolidato, bassa altrimenti.",
    ),
    "Maturity dimensions below the stage the established practices imply": (
        "Dimensions de maturité en deçà du stade que supposent les pratiques établies",
        "Dimensiones de madurez por debajo de la etapa que suponen las prácticas consolidadas",
        "Reifegraddimensionen unter der Stufe, die die etablierten Praktiken voraussetzen",
        "Dimensioni di maturità al di sotto dello stadio che le pratiche consolidate presuppongono",
    ),
    "For the chosen practice adoption assessment, each practice marked established whose implied cell of the "
    "maturity model (cityref:impliesMaturityCell, cityref's own reading) is at a higher stage than the city's "
    "latest maturity assessment gives that dimension. The reason is the cell's definition in the chosen language "
    "(English when it has none in that language): what that stage looks like in that dimension. Serious (high) two "
    "or more stages short, medium one stage short. The next step is a practice not yet established that implies a "
    "cell of the same dimension at most one stage above the city's, or else the cell itself.": (
        "Pour l'évaluation de l'adoption des pratiques choisie, chaque pratique dite établie dont la cellule du "
        "modèle de maturité qu'elle suppose (cityref:impliesMaturityCell, lecture propre à cityref) se situe à un "
        "stade plus élevé que celui que la dernière évaluation de maturité de la ville attribue à cette dimension. La "
        "raison est la définition de la cellule dans la langue choisie (en anglais si elle n'en a pas dans cette "
        "langue) : ce à quoi ressemble ce stade dans cette dimension. Grave (élevée) quand il manque deux stades ou "
        "plus, moyenne quand il en manque un. L'étape suivante est une pratique pas encore établie qui suppose une "
        "cellule de la même dimension au plus un stade au-dessus de celui de la ville, ou à défaut la cellule "
        "elle-même.",
        "Para la evaluación de la adopción de prácticas elegida, cada práctica marcada como consolidada cuya celda "
        "implícita del modelo de madurez (cityref:impliesMaturityCell, lectura propia de cityref) está en una etapa "
        "superior a la que la última evaluación de madurez de la ciudad asigna a esa dimensión. El motivo es la "
        "definición de la celda en el idioma elegido (en inglés si no la tiene en ese idioma): cómo es esa etapa en "
        "esa dimensión. Grave (alta) si faltan dos etapas o más, media si falta una. El siguiente paso es una "
        "práctica aún no consolidada que supone una celda de la misma dimensión como mucho una etapa por encima de la "
        "de la ciudad o, si no la hay, la propia celda.",
        "Für die gewählte Bewertung der Einführung der Praktiken jede als etabliert gekennzeichnete Praxis, deren "
        "vorausgesetzte Zelle des Reifegradmodells (cityref:impliesMaturityCell, eine eigene Lesart von cityref) auf "
        "einer höheren Stufe liegt, als die letzte Reifegradbewertung der Stadt dieser Dimension zuweist. Die "
        "Begründung ist die Definition der Zelle in der gewählten Sprache (Englisch, wenn keine in dieser Sprache "
        "vorliegt): wie diese Stufe in dieser Dimension aussieht. Schwerwiegend (hoch) bei zwei oder mehr fehlenden "
        "Stufen, mittel bei einer fehlenden Stufe. Der nächste Schritt ist eine noch nicht etablierte Praxis, die "
        "eine Zelle derselben Dimension höchstens eine Stufe über der der Stadt voraussetzt, andernfalls die Zelle "
        "selbst.",
        "Per la valutazione dell'adozione delle pratiche scelta, ogni pratica segnata come consolidata la cui cella "
        "presupposta del modello di maturità (cityref:impliesMaturityCell, lettura propria di cityref) si trova a uno "
        "stadio più alto di quello che l'ultima valutazione della maturità della città assegna a quella dimensione. "
        "Il motivo è la definizione della cella nella lingua scelta (in inglese se non ne ha una in quella lingua): "
        "come si presenta quello stadio in quella dimensione. Grave (alta) quando mancano due o più stadi, media "
        "quando ne manca uno. Il passo successivo è una pratica non ancora consolidata che presuppone una cella della "
        "stessa dimensione al massimo uno stadio sopra quello della città, oppure la cella stessa.",
    ),
    "Practices marked established ahead of the practices they depend on": (
        "Pratiques dites établies avant les pratiques dont elles dépendent",
        "Prácticas marcadas como consolidadas antes que las prácticas de las que dependen",
        "Als etabliert gekennzeichnete Praktiken, die den Praktiken vorauseilen, von denen sie abhängen",
        "Pratiche segnate come consolidate prima delle pratiche da cui dipendono",
    ),
    "For the chosen practice adoption assessment, each practice marked established that has a linkage to a practice "
    "the same assessment does not mark established (or does not record at all). The reason is the linkage's own, in "
    "the chosen language (English when it has none in that language); the next step is the prerequisite. Serious "
    "(high) when the prerequisite is not started, planned or unrecorded, medium when partial.": (
        "Pour l'évaluation de l'adoption des pratiques choisie, chaque pratique dite établie qui a un lien vers une "
        "pratique que la même évaluation ne dit pas établie (ou ne relève pas du tout). La raison est celle du lien "
        "lui-même, dans la langue choisie (en anglais s'il n'en a pas dans cette langue) ; l'étape suivante est le "
        "prérequis. Grave (élevée) quand le prérequis est non commencé, prévu ou non relevé, moyenne quand il est "
        "partiel.",
        "Para la evaluación de la adopción de prácticas elegida, cada práctica marcada como consolidada que tiene un "
        "vínculo con una práctica que la misma evaluación no marca como consolidada (o no registra en absoluto). El "
        "motivo es el del propio vínculo, en el idioma elegido (en inglés si no lo tiene en ese idioma); el siguiente "
        "paso es el requisito previo. Grave (alta) cuando el requisito previo no se ha iniciado, está previsto o no "
        "está registrado, media cuando es parcial.",
        "Für die gewählte Bewertung der Einführung der Praktiken jede als etabliert gekennzeichnete Praxis mit einer "
        "Verknüpfung zu einer Praxis, die dieselbe Bewertung nicht als etabliert kennzeichnet (oder gar nicht "
        "erfasst). Die Begründung ist die der Verknüpfung selbst, in der gewählten Sprache (Englisch, wenn keine in "
        "dieser Sprache vorliegt); der nächste Schritt ist die Voraussetzung. Schwerwiegend (hoch), wenn die "
        "Voraussetzung nicht begonnen, geplant oder nicht erfasst ist, mittel, wenn sie teilweise eingeführt ist.",
        "Per la valutazione dell'adozione delle pratiche scelta, ogni pratica segnata come consolidata che ha un "
        "collegamento con una pratica che la stessa valutazione non segna come consolidata (o non registra affatto). "
        "Il motivo è quello del collegamento stesso, nella lingua scelta (in inglese se non ne ha uno in quella "
        "lingua); il passo successivo è il prerequisito. Grave (alta) quando il prerequisito è non avviato, "
        "pianificato o non registrato, media quando è parziale.",
    ),
    "Delivery principles the city shows no evidence of": (
        "Principes de mise en œuvre dont la ville ne montre aucune preuve",
        "Principios de ejecución de los que la ciudad no muestra pruebas",
        "Umsetzungsprinzipien, für die die Stadt keinen Beleg vorweist",
        "Principi di attuazione di cui la città non mostra prove",
    ),
    "For the chosen practice adoption assessment, each delivery principle whose record cites no evidence from the "
    "city's own data, or that the assessment does not record at all. The reason is the principle's definition in "
    "the chosen language (English when it has none in that language): what following it means. Serious (high) when "
    "marked established without evidence, medium when partial or unrecorded, low when not started or planned.": (
        "Pour l'évaluation de l'adoption des pratiques choisie, chaque principe de mise en œuvre dont le relevé ne "
        "cite aucune preuve tirée des données propres de la ville, ou que l'évaluation ne relève pas du tout. La "
        "raison est la définition du principe dans la langue choisie (en anglais s'il n'en a pas dans cette langue) : "
        "ce que signifie le suivre. Grave (élevée) quand il est dit établi sans preuve, moyenne quand il est partiel "
        "ou non relevé, faible quand il est non commencé ou prévu.",
        "Para la evaluación de la adopción de prácticas elegida, cada principio de ejecución cuyo registro no cita "
        "ninguna prueba de los propios datos de la ciudad, o que la evaluación no registra en absoluto. El motivo es "
        "la definición del principio en el idioma elegido (en inglés si no la tiene en ese idioma): qué significa "
        "seguirlo. Grave (alta) cuando figura como consolidado sin pruebas, media cuando es parcial o no está "
        "registrado, baja cuando no se ha iniciado o está previsto.",
        "Für die gewählte Bewertung der Einführung der Praktiken jedes Umsetzungsprinzip, dessen Eintrag "
        "keinen Beleg aus den "
        "eigenen Daten der Stadt anführt oder das die Bewertung gar nicht erfasst. Die Begründung ist die Definition "
        "des Prinzips in der gewählten Sprache (Englisch, wenn keine in dieser Sprache vorliegt): was es heißt, ihm "
        "zu folgen. Schwerwiegend (hoch), wenn es ohne Beleg als etabliert gekennzeichnet ist, mittel, wenn es "
        "teilweise eingeführt oder nicht erfasst ist, niedrig, wenn es nicht begonnen oder geplant ist.",
        "Per la valutazione dell'adozione delle pratiche scelta, ogni principio di attuazione la cui registrazione "
        "non cita alcuna prova tratta dai dati propri della città, o che la valutazione non registra affatto. Il "
        "motivo è la definizione del principio nella lingua scelta (in inglese se non ne ha una in quella lingua): "
        "che cosa significa seguirlo. Grave (alta) quando è segnato come consolidato senza prove, media quando è "
        "parziale o non registrato, bassa quando è non avviato o pianificato.",
    ),
}
