"""Interface strings of a city's benefit tracking page and its report: English, then fr, es, de, it. ("Baseline" and
"Target" are in rows_pictures.py.)"""

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

T |= {
    "City report": ("Rapport de la ville", "Informe de la ciudad", "Stadtbericht", "Rapporto della città"),
    "State as of %(day)s, computed on %(when)s with model version %(model)s (cityref %(software)s).": (
        "État au %(day)s, calculé le %(when)s avec la version %(model)s du modèle (cityref %(software)s).",
        "Situación a %(day)s, calculada el %(when)s con la versión %(model)s del modelo (cityref %(software)s).",
        "Stand %(day)s, berechnet am %(when)s mit Modellversion %(model)s (cityref %(software)s).",
        "Situazione al %(day)s, calcolata il %(when)s con la versione %(model)s del modello (cityref %(software)s).",
    ),
    "Compared with the state on %(day)s.": (
        "Comparé à l'état du %(day)s.",
        "Comparado con la situación del %(day)s.",
        "Verglichen mit dem Stand vom %(day)s.",
        "Confrontato con la situazione del %(day)s.",
    ),
    "Maturity": ("Maturité", "Madurez", "Reifegrad", "Maturità"),
    "The latest maturity assessment on or before %(day)s that rates each dimension.": (
        "La dernière évaluation de maturité, au plus tard le %(day)s, qui note chaque dimension.",
        "La última evaluación de madurez, hasta el %(day)s, que califica cada dimensión.",
        "Die letzte Reifegradbewertung bis zum %(day)s, die jede Dimension einstuft.",
        "L'ultima valutazione di maturità, entro il %(day)s, che classifica ciascuna dimensione.",
    ),
    "Dimension": ("Dimension", "Dimensión", "Dimension", "Dimensione"),
    "Stage": ("Stade", "Etapa", "Stufe", "Stadio"),
    "Assessed on": ("Évaluée le", "Evaluada el", "Bewertet am", "Valutata il"),
    "No maturity assessment on or before %(day)s.": (
        "Aucune évaluation de maturité au plus tard le %(day)s.",
        "Ninguna evaluación de madurez hasta el %(day)s.",
        "Keine Reifegradbewertung bis zum %(day)s.",
        "Nessuna valutazione di maturità entro il %(day)s.",
    ),
    "Benefits at risk": ("Bénéfices à risque", "Beneficios en riesgo", "Gefährdete Nutzen", "Benefici a rischio"),
    "Indicator": ("Indicateur", "Indicador", "Indikator", "Indicatore"),
    "Latest value": ("Dernière valeur", "Último valor", "Letzter Wert", "Ultimo valore"),
    "No benefit is at risk.": (
        "Aucun bénéfice n'est à risque.",
        "Ningún beneficio está en riesgo.",
        "Kein Nutzen ist gefährdet.",
        "Nessun beneficio è a rischio.",
    ),
    "%(count)s of %(total)s indicators at risk; forecasts by an ordinary least-squares line with a 95 percent "
    "prediction interval.": (
        "%(count)s indicateurs sur %(total)s à risque ; prévisions par une droite des moindres carrés ordinaires "
        "avec un intervalle de prédiction à 95 pour cent.",
        "%(count)s de %(total)s indicadores en riesgo; previsiones con una recta de mínimos cuadrados ordinarios "
        "y un intervalo de predicción del 95 por ciento.",
        "%(count)s von %(total)s Indikatoren gefährdet; Prognosen mit einer Ausgleichsgeraden nach der Methode der "
        "kleinsten Quadrate und einem 95-Prozent-Prognoseintervall.",
        "%(count)s indicatori su %(total)s a rischio; previsioni con una retta dei minimi quadrati ordinari e un "
        "intervallo di previsione al 95 per cento.",
    ),
    "Interoperability matrix": (
        "Matrice d'interopérabilité",
        "Matriz de interoperabilidad",
        "Interoperabilitätsmatrix",
        "Matrice di interoperabilità",
    ),
    "Each pair of parties that must work together, and the state of each need at each layer of the European "
    "Interoperability Framework (as the data holds it now).": (
        "Chaque paire de parties qui doivent travailler ensemble, et l'état de chaque besoin à chaque niveau du cadre "
        "européen d'interopérabilité (tel que les données le décrivent aujourd'hui).",
        "Cada par de partes que deben trabajar juntas y el estado de cada necesidad en cada nivel del Marco Europeo "
        "de Interoperabilidad (tal como lo recogen hoy los datos).",
        "Jedes Paar von Beteiligten, die zusammenarbeiten müssen, und der Stand jedes Bedarfs auf jeder Ebene des "
        "Europäischen Interoperabilitätsrahmens (so wie die Daten ihn heute beschreiben).",
        "Ogni coppia di parti che devono lavorare insieme e lo stato di ciascuna esigenza a ogni livello del Quadro "
        "europeo di interoperabilità (come lo descrivono oggi i dati).",
    ),
    "From → to": ("De → vers", "De → a", "Von → an", "Da → a"),
    "The city's data describes no interoperability need.": (
        "Les données de la ville ne décrivent aucun besoin d'interopérabilité.",
        "Los datos de la ciudad no describen ninguna necesidad de interoperabilidad.",
        "Die Daten der Stadt beschreiben keinen Interoperabilitätsbedarf.",
        "I dati della città non descrivono alcuna esigenza di interoperabilità.",
    ),
    "Since %(day)s": ("Depuis le %(day)s", "Desde el %(day)s", "Seit %(day)s", "Dal %(day)s"),
    "What improved": ("Ce qui s'est amélioré", "Lo que mejoró", "Was sich verbessert hat", "Che cosa è migliorato"),
    "What got worse": (
        "Ce qui s'est dégradé",
        "Lo que empeoró",
        "Was sich verschlechtert hat",
        "Che cosa è peggiorato",
    ),
    "Nothing improved.": (
        "Rien ne s'est amélioré.",
        "Nada mejoró.",
        "Nichts hat sich verbessert.",
        "Nulla è migliorato.",
    ),
    "Nothing got worse.": (
        "Rien ne s'est dégradé.",
        "Nada empeoró.",
        "Nichts hat sich verschlechtert.",
        "Nulla è peggiorato.",
    ),
    "Download as PDF": ("Télécharger en PDF", "Descargar en PDF", "Als PDF herunterladen", "Scarica in PDF"),
    "Maturity stage %(before)s, now %(after)s": (
        "Stade de maturité : %(before)s, désormais %(after)s",
        "Etapa de madurez: %(before)s, ahora %(after)s",
        "Reifegradstufe: %(before)s, jetzt %(after)s",
        "Stadio di maturità: %(before)s, ora %(after)s",
    ),
    "Rated for the first time: %(after)s": (
        "Notée pour la première fois : %(after)s",
        "Calificada por primera vez: %(after)s",
        "Erstmals eingestuft: %(after)s",
        "Classificata per la prima volta: %(after)s",
    ),
    "Benefit status %(before)s, now %(after)s": (
        "État du bénéfice : %(before)s, désormais %(after)s",
        "Estado del beneficio: %(before)s, ahora %(after)s",
        "Stand des Nutzens: %(before)s, jetzt %(after)s",
        "Stato del beneficio: %(before)s, ora %(after)s",
    ),
    "Latest value %(before)s, now %(after)s (target %(target)s)": (
        "Dernière valeur %(before)s, désormais %(after)s (cible %(target)s)",
        "Último valor %(before)s, ahora %(after)s (meta %(target)s)",
        "Letzter Wert %(before)s, jetzt %(after)s (Ziel %(target)s)",
        "Ultimo valore %(before)s, ora %(after)s (obiettivo %(target)s)",
    ),
}

T |= {
    "Practice adoption by component": (
        "Adoption des pratiques par composante",
        "Adopción de las prácticas por componente",
        "Übernahme der Praktiken nach Komponente",
        "Adozione delle pratiche per componente",
    ),
    "From the practice adoption assessment of %(day)s (%(label)s): how many practices and principles of each "
    "component have reached each status.": (
        "D'après l'évaluation de l'adoption des pratiques du %(day)s (%(label)s) : combien de pratiques et de "
        "principes de chaque composante ont atteint chaque état.",
        "Según la evaluación de la adopción de prácticas del %(day)s (%(label)s): cuántas prácticas y principios de "
        "cada componente han alcanzado cada estado.",
        "Nach der Bewertung der Übernahme der Praktiken vom %(day)s (%(label)s): wie viele Praktiken und Grundsätze "
        "jeder Komponente welchen Stand erreicht haben.",
        "Secondo la valutazione dell'adozione delle pratiche del %(day)s (%(label)s): quante pratiche e quanti "
        "principi di ciascuna componente hanno raggiunto ciascuno stato.",
    ),
    "No practice adoption assessment on or before %(day)s.": (
        "Aucune évaluation de l'adoption des pratiques au plus tard le %(day)s.",
        "Ninguna evaluación de la adopción de prácticas hasta el %(day)s.",
        "Keine Bewertung der Übernahme der Praktiken bis zum %(day)s.",
        "Nessuna valutazione dell'adozione delle pratiche entro il %(day)s.",
    ),
    "Top gaps": ("Principaux écarts", "Principales brechas", "Wichtigste Lücken", "Principali lacune"),
    "The %(shown)s most serious of %(total)s gaps the rules find in that assessment, each with the reason the model "
    "gives.": (
        "Les %(shown)s écarts les plus graves sur les %(total)s que les règles trouvent dans cette évaluation, chacun "
        "avec la raison donnée par le modèle.",
        "Las %(shown)s brechas más graves de las %(total)s que las reglas encuentran en esa evaluación, cada una con "
        "la razón que da el modelo.",
        "Die %(shown)s schwersten von %(total)s Lücken, die die Regeln in dieser Bewertung finden, jede mit der "
        "Begründung des Modells.",
        "Le %(shown)s lacune più gravi fra le %(total)s che le regole trovano in quella valutazione, ciascuna con la "
        "ragione data dal modello.",
    ),
    "The rules find no gap in that assessment.": (
        "Les règles ne trouvent aucun écart dans cette évaluation.",
        "Las reglas no encuentran ninguna brecha en esa evaluación.",
        "Die Regeln finden in dieser Bewertung keine Lücke.",
        "Le regole non trovano alcuna lacuna in quella valutazione.",
    ),
    "%(before)s, now %(after)s": (
        "%(before)s, désormais %(after)s",
        "%(before)s, ahora %(after)s",
        "%(before)s, jetzt %(after)s",
        "%(before)s, ora %(after)s",
    ),
    "Gap closed: %(what)s": (
        "Écart comblé : %(what)s",
        "Brecha cerrada: %(what)s",
        "Lücke geschlossen: %(what)s",
        "Lacuna colmata: %(what)s",
    ),
    "New gap: %(what)s": (
        "Nouvel écart : %(what)s",
        "Nueva brecha: %(what)s",
        "Neue Lücke: %(what)s",
        "Nuova lacuna: %(what)s",
    ),
}
