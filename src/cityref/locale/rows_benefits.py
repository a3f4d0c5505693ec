"""Interface strings of a city's benefit tracking page and its report: English, then fr, es, de, it."""

T: dict[str, tuple[str, str, str, str]] = {
    "Benefit tracking": (
        "Suivi des bénéfices",
        "Seguimiento de beneficios",
        "Nutzenverfolgung",
        "Monitoraggio dei benefici",
    ),
    "As of %(day)s.": ("Au %(day)s.", "A fecha de %(day)s.", "Stand: %(day)s.", "Alla data del %(day)s."),
    "Forecast: an ordinary least-squares line through the measurements (time in years, value), extended to the "
    "target date, with a 95 percent prediction interval from Student's t; it needs at least 3 measurements.": (
        "Prévision : une droite des moindres carrés ordinaires passant par les mesures (temps en années, valeur), "
        "prolongée jusqu'à la date cible, avec un intervalle de prédiction à 95 pour cent tiré de la loi de Student ; "
        "il faut au moins 3 mesures.",
        "Previsión: una recta de mínimos cuadrados ordinarios trazada por las mediciones (tiempo en años, valor), "
        "prolongada hasta la fecha objetivo, con un intervalo de predicción del 95 por ciento según la t de Student; "
        "necesita al menos 3 mediciones.",
        "Prognose: eine Ausgleichsgerade nach der Methode der kleinsten Quadrate durch die Messungen (Zeit in Jahren, "
        "Wert), bis zum Zieldatum verlängert, mit einem 95-Prozent-Prognoseintervall nach Student-t; sie braucht "
        "mindestens 3 Messungen.",
        "Previsione: una retta dei minimi quadrati ordinari tracciata sulle misurazioni (tempo in anni, valore), "
        "prolungata fino alla data obiettivo, con un intervallo di previsione al 95 per cento dalla t di Student; "
        "servono almeno 3 misurazioni.",
    ),
    "An indicator is at risk when its forecast misses the target, its trend moves away from the target, its target "
    "date has passed unmet, or it has not been measured for more than %(days)s days.": (
        "Un indicateur est à risque quand sa prévision manque la cible, que sa tendance s'éloigne de la cible, que sa "
        "date cible est passée sans qu'elle soit atteinte, ou qu'il n'a pas été mesuré depuis plus de %(days)s jours.",
        "Un indicador está en riesgo cuando su previsión no alcanza la meta, su tendencia se aleja de ella, su fecha "
        "objetivo ha pasado sin cumplirla o no se ha medido desde hace más de %(days)s días.",
        "Ein Indikator ist gefährdet, wenn seine Prognose das Ziel verfehlt, sein Trend sich vom Ziel entfernt, sein "
        "Zieldatum verstrichen ist, ohne dass es erreicht wurde, oder er seit mehr als %(days)s Tagen nicht gemessen "
        "wurde.",
        "Un indicatore è a rischio quando la sua previsione manca l'obiettivo, la sua tendenza se ne allontana, la "
        "data obiettivo è passata senza raggiungerlo o non è stato misurato da più di %(days)s giorni.",
    ),
    "Download as CSV": ("Télécharger en CSV", "Descargar en CSV", "Als CSV herunterladen", "Scarica in CSV"),
    "This city's data holds no indicator.": (
        "Les données de cette ville ne contiennent aucun indicateur.",
        "Los datos de esta ciudad no contienen ningún indicador.",
        "Die Daten dieser Stadt enthalten keinen Indikator.",
        "I dati di questa città non contengono alcun indicatore.",
    ),
    "At risk": ("À risque", "En riesgo", "Gefährdet", "A rischio"),
    "Target reached": ("Cible atteinte", "Meta alcanzada", "Ziel erreicht", "Obiettivo raggiunto"),
    "On track": ("En bonne voie", "En buen camino", "Auf Kurs", "In linea"),
    "Tracks": ("Suit", "Sigue", "Verfolgt", "Segue"),
    "Baseline": ("Valeur de référence", "Valor de referencia", "Ausgangswert", "Valore di riferimento"),
    "Target": ("Cible", "Meta", "Ziel", "Obiettivo"),
    "by %(day)s": ("d'ici le %(day)s", "para el %(day)s", "bis %(day)s", "entro il %(day)s"),
    "Unit": ("Unité", "Unidad", "Einheit", "Unità"),
    "Trend": ("Tendance", "Tendencia", "Trend", "Tendenza"),
    "per year": ("par an", "por año", "pro Jahr", "all'anno"),
    "Forecast": ("Prévision", "Previsión", "Prognose", "Previsione"),
    "%(value)s on %(day)s (95 percent prediction interval %(low)s to %(high)s, standard error %(se)s)": (
        "%(value)s le %(day)s (intervalle de prédiction à 95 pour cent de %(low)s à %(high)s, erreur type %(se)s)",
        "%(value)s el %(day)s (intervalo de predicción del 95 por ciento de %(low)s a %(high)s, error típico %(se)s)",
        "%(value)s am %(day)s (95-Prozent-Prognoseintervall %(low)s bis %(high)s, Standardfehler %(se)s)",
        "%(value)s il %(day)s (intervallo di previsione al 95 per cento da %(low)s a %(high)s, errore standard %(se)s)",
    ),
    "Why it is at risk": (
        "Pourquoi il est à risque",
        "Por qué está en riesgo",
        "Warum er gefährdet ist",
        "Perché è a rischio",
    ),
    "Measurements": ("Mesures", "Mediciones", "Messungen", "Misurazioni"),
    "Date": ("Date", "Fecha", "Datum", "Data"),
    "The indicator has never been measured.": (
        "L'indicateur n'a jamais été mesuré.",
        "El indicador nunca se ha medido.",
        "Der Indikator wurde nie gemessen.",
        "L'indicatore non è mai stato misurato.",
    ),
    "The latest measurement is %(days)s days old (more than %(limit)s days).": (
        "La dernière mesure date de %(days)s jours (plus de %(limit)s jours).",
        "La última medición tiene %(days)s días (más de %(limit)s días).",
        "Die letzte Messung ist %(days)s Tage alt (mehr als %(limit)s Tage).",
        "L'ultima misurazione risale a %(days)s giorni fa (più di %(limit)s giorni).",
    ),
    "The target date %(due)s has passed and the latest value has not reached the target.": (
        "La date cible du %(due)s est passée et la dernière valeur n'a pas atteint la cible.",
        "La fecha objetivo %(due)s ha pasado y el último valor no ha alcanzado la meta.",
        "Das Zieldatum %(due)s ist verstrichen, und der letzte Wert hat das Ziel nicht erreicht.",
        "La data obiettivo %(due)s è passata e l'ultimo valore non ha raggiunto l'obiettivo.",
    ),
    "The trend moves away from the target (%(slope)s per year).": (
        "La tendance s'éloigne de la cible (%(slope)s par an).",
        "La tendencia se aleja de la meta (%(slope)s por año).",
        "Der Trend entfernt sich vom Ziel (%(slope)s pro Jahr).",
        "La tendenza si allontana dall'obiettivo (%(slope)s all'anno).",
    ),
    "The forecast for %(due)s, %(value)s, misses the target of %(target)s.": (
        "La prévision pour le %(due)s, %(value)s, manque la cible de %(target)s.",
        "La previsión para el %(due)s, %(value)s, no alcanza la meta de %(target)s.",
        "Die Prognose für den %(due)s, %(value)s, verfehlt das Ziel von %(target)s.",
        "La previsione per il %(due)s, %(value)s, manca l'obiettivo di %(target)s.",
    ),
    "No forecast: the indicator has no target date.": (
        "Pas de prévision : l'indicateur n'a pas de date cible.",
        "Sin previsión: el indicador no tiene fecha objetivo.",
        "Keine Prognose: Der Indikator hat kein Zieldatum.",
        "Nessuna previsione: l'indicatore non ha una data obiettivo.",
    ),
    "No forecast: a least-squares line with an uncertainty needs at least 3 measurements, and there are %(n)s.": (
        "Pas de prévision : une droite des moindres carrés avec son incertitude demande au moins 3 mesures, et il y "
        "en a %(n)s.",
        "Sin previsión: una recta de mínimos cuadrados con su incertidumbre necesita al menos 3 mediciones, y hay "
        "%(n)s.",
        "Keine Prognose: Eine Ausgleichsgerade mit ihrer Unsicherheit braucht mindestens 3 Messungen, es gibt %(n)s.",
        "Nessuna previsione: una retta dei minimi quadrati con la sua incertezza richiede almeno 3 misurazioni, e ce "
        "ne sono %(n)s.",
    ),
    "No forecast: every measurement was taken on the same day, so there is no trend.": (
        "Pas de prévision : toutes les mesures datent du même jour, il n'y a donc pas de tendance.",
        "Sin previsión: todas las mediciones son del mismo día, así que no hay tendencia.",
        "Keine Prognose: Alle Messungen stammen vom selben Tag, es gibt also keinen Trend.",
        "Nessuna previsione: tutte le misurazioni sono dello stesso giorno, quindi non c'è tendenza.",
    ),
    "No forecast: the target date has passed.": (
        "Pas de prévision : la date cible est passée.",
        "Sin previsión: la fecha objetivo ha pasado.",
        "Keine Prognose: Das Zieldatum ist verstrichen.",
        "Nessuna previsione: la data obiettivo è passata.",
    ),
}
