"""Interface strings of the practice adoption and gap pages (``/cities/{id}/assessment``, ``/cities/{id}/gaps``) and
of the gap sentences made in ``cityref.cities.gaps``: English, then fr, es, de, it."""

T: dict[str, tuple[str, str, str, str]] = {
    "%(about)s is marked established, but %(related)s, which it depends on, stands at “%(status)s”.": (
        "%(about)s est dite établie, mais %(related)s, dont elle dépend, en est à « %(status)s ».",
        "%(about)s figura como consolidada, pero %(related)s, de la que depende, está en «%(status)s».",
        "%(about)s gilt als etabliert, aber %(related)s, wovon sie abhängt, steht bei „%(status)s“.",
        "%(about)s risulta consolidata, ma %(related)s, da cui dipende, è a «%(status)s».",
    ),
    "%(about)s is marked established, but the interoperability need “%(related)s” of a system it relies on is "
    "“%(status)s”.": (
        "%(about)s est dite établie, mais le besoin d'interopérabilité « %(related)s » d'un système sur lequel elle "
        "s'appuie est « %(status)s ».",
        "%(about)s figura como consolidada, pero la necesidad de interoperabilidad «%(related)s» de un sistema en "
        "el que se apoya está «%(status)s».",
        "%(about)s gilt als etabliert, aber der Interoperabilitätsbedarf „%(related)s“ eines Systems, auf das sie "
        "sich stützt, ist „%(status)s“.",
        "%(about)s risulta consolidata, ma l'esigenza di interoperabilità «%(related)s» di un sistema su cui si "
        "basa è «%(status)s».",
    ),
    "%(about)s is marked established, which implies stage %(expected)s in “%(dimension)s”; the latest maturity "
    "assessment puts the city at stage %(actual)s.": (
        "%(about)s est dite établie, ce qui suppose le stade %(expected)s pour « %(dimension)s » ; la dernière "
        "évaluation de maturité place la ville au stade %(actual)s.",
        "%(about)s figura como consolidada, lo que supone la etapa %(expected)s en «%(dimension)s»; la última "
        "evaluación de madurez sitúa a la ciudad en la etapa %(actual)s.",
        "%(about)s gilt als etabliert, was Stufe %(expected)s in „%(dimension)s“ voraussetzt; die letzte "
        "Reifegradbewertung sieht die Stadt auf Stufe %(actual)s.",
        "%(about)s risulta consolidata, il che presuppone lo stadio %(expected)s in «%(dimension)s»; l'ultima "
        "valutazione della maturità colloca la città allo stadio %(actual)s.",
    ),
    "The key risk “%(about)s” stays open: %(related)s, which mitigates it, stands at “%(status)s”.": (
        "Le risque clé « %(about)s » reste ouvert : %(related)s, qui l'atténue, en est à « %(status)s ».",
        "El riesgo clave «%(about)s» sigue abierto: %(related)s, que lo mitiga, está en «%(status)s».",
        "Das Schlüsselrisiko „%(about)s“ bleibt offen: %(related)s, das es mindert, steht bei „%(status)s“.",
        "Il rischio chiave «%(about)s» resta aperto: %(related)s, che lo mitiga, è a «%(status)s».",
    ),
    "The principle “%(about)s” stands at “%(status)s” and no record cites evidence of it.": (
        "Le principe « %(about)s » en est à « %(status)s » et aucun relevé n'en cite de preuve.",
        "El principio «%(about)s» está en «%(status)s» y ningún registro cita pruebas de él.",
        "Das Prinzip „%(about)s“ steht bei „%(status)s“, und kein Eintrag führt einen Beleg dafür an.",
        "Il principio «%(about)s» è a «%(status)s» e nessuna registrazione ne cita prove.",
    ),
    "Assessments": ("Évaluations", "Evaluaciones", "Bewertungen", "Valutazioni"),
    "Date": ("Date", "Fecha", "Datum", "Data"),
    "Delivery principles": (
        "Principes de mise en œuvre",
        "Principios de ejecución",
        "Umsetzungsprinzipien",
        "Principi di attuazione",
    ),
    "Each assessment is a dated record of how far the city has adopted each practice and delivery principle; a "
    "later one never overwrites an earlier one. The four statuses are cityref's own scale, not the standard's.": (
        "Chaque évaluation est un relevé daté du degré d'adoption par la ville de chaque pratique et de chaque "
        "principe de mise en œuvre ; une évaluation ultérieure n'écrase jamais une précédente. Les quatre statuts "
        "sont l'échelle propre à cityref, non celle de la norme.",
        "Cada evaluación es un registro fechado de hasta qué punto la ciudad ha adoptado cada práctica y cada "
        "principio de ejecución; una posterior nunca sobrescribe una anterior. Los cuatro estados son la escala "
        "propia de cityref, no la de la norma.",
        "Jede Bewertung ist ein datierter Nachweis, wie weit die Stadt jede Praxis und jedes Umsetzungsprinzip "
        "eingeführt hat; eine spätere überschreibt nie eine frühere. Die vier Status sind die eigene Skala von "
        "cityref, nicht die der Norm.",
        "Ogni valutazione è una registrazione datata di quanto la città abbia adottato ciascuna pratica e ciascun "
        "principio di attuazione; una successiva non sovrascrive mai una precedente. I quattro stati sono la scala "
        "propria di cityref, non quella della norma.",
    ),
    "Each gap is found by a rule over the model's linkages, key risks, interoperability needs and maturity model, "
    "and gives the reason the model states. Which maturity stage a practice implies is cityref's own reading.": (
        "Chaque écart est trouvé par une règle portant sur les liens du modèle, ses risques clés, les besoins "
        "d'interopérabilité et le modèle de maturité, et donne la raison que le modèle énonce. Le stade de maturité "
        "que suppose une pratique est une lecture propre à cityref.",
        "Cada brecha la encuentra una regla sobre los vínculos del modelo, sus riesgos clave, las necesidades de "
        "interoperabilidad y el modelo de madurez, y da el motivo que el modelo expone. La etapa de madurez que "
        "supone una práctica es una lectura propia de cityref.",
        "Jede Lücke findet eine Regel über die Verknüpfungen des Modells, seine Schlüsselrisiken, die "
        "Interoperabilitätsbedarfe und das Reifegradmodell, und sie nennt die Begründung, die das Modell gibt. "
        "Welche Reifegradstufe eine Praxis voraussetzt, ist eine eigene Lesart von cityref.",
        "Ogni lacuna è trovata da una regola sui collegamenti del modello, i suoi rischi chiave, le esigenze di "
        "interoperabilità e il modello di maturità, e riporta il motivo che il modello indica. Lo stadio di "
        "maturità che una pratica presuppone è una lettura propria di cityref.",
    ),
    "Evidence": ("Preuves", "Pruebas", "Belege", "Prove"),
    "Gaps and what to do next": (
        "Écarts et prochaines étapes",
        "Brechas y próximos pasos",
        "Lücken und nächste Schritte",
        "Lacune e prossimi passi",
    ),
    "Gaps found: %(num)d": (
        "Écarts trouvés : %(num)d",
        "Brechas encontradas: %(num)d",
        "Gefundene Lücken: %(num)d",
        "Lacune trovate: %(num)d",
    ),
    "Interoperability need unresolved": (
        "Besoin d'interopérabilité non résolu",
        "Necesidad de interoperabilidad sin resolver",
        "Ungelöster Interoperabilitätsbedarf",
        "Esigenza di interoperabilità irrisolta",
    ),
    "Key risk left open": (
        "Risque clé laissé ouvert",
        "Riesgo clave sin cubrir",
        "Offenes Schlüsselrisiko",
        "Rischio chiave lasciato aperto",
    ),
    "Maturity below the practices": (
        "Maturité en deçà des pratiques",
        "Madurez por debajo de las prácticas",
        "Reifegrad unter den Praktiken",
        "Maturità inferiore alle pratiche",
    ),
    "Next": ("Étape suivante", "Siguiente paso", "Nächster Schritt", "Passo successivo"),
    "Other records": ("Autres relevés", "Otros registros", "Weitere Einträge", "Altre registrazioni"),
    "Owner": ("Responsable", "Responsable", "Verantwortlich", "Responsabile"),
    "Practice adoption assessment": (
        "Évaluation de l'adoption des pratiques",
        "Evaluación de la adopción de prácticas",
        "Bewertung der Einführung der Praktiken",
        "Valutazione dell'adozione delle pratiche",
    ),
    "Practices": ("Pratiques", "Prácticas", "Praktiken", "Pratiche"),
    "Prerequisite not established": (
        "Prérequis non établi",
        "Requisito previo no consolidado",
        "Voraussetzung nicht etabliert",
        "Prerequisito non consolidato",
    ),
    "Principle without evidence": (
        "Principe sans preuve",
        "Principio sin pruebas",
        "Prinzip ohne Beleg",
        "Principio senza prove",
    ),
    "Reason from the model": (
        "Raison tirée du modèle",
        "Motivo tomado del modelo",
        "Begründung aus dem Modell",
        "Motivo tratto dal modello",
    ),
    "The rules find no gap in this assessment.": (
        "Les règles ne trouvent aucun écart dans cette évaluation.",
        "Las reglas no encuentran ninguna brecha en esta evaluación.",
        "Die Regeln finden in dieser Bewertung keine Lücke.",
        "Le regole non trovano alcuna lacuna in questa valutazione.",
    ),
    "What": ("Quoi", "Qué", "Was", "Che cosa"),
    "Why": ("Pourquoi", "Por qué", "Warum", "Perché"),
    "high": ("élevée", "alta", "hoch", "alta"),
    "low": ("faible", "baja", "niedrig", "bassa"),
    "medium": ("moyenne", "media", "mittel", "media"),
    "none cited": ("aucune citée", "ninguna citada", "keine angeführt", "nessuna citata"),
    "none named": ("aucun nommé", "ninguno indicado", "keine genannt", "nessuno indicato"),
    "not recorded": ("non relevé", "no registrado", "nicht erfasst", "non registrato"),
}
