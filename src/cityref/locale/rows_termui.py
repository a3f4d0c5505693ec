"""Interface strings of the term browser (``/browse``, the A–Z index, search results, the term page's sections,
the landing page's finder) and of the ontology documentation's contents and filter: English, then fr, es, de, it."""

T: dict[str, tuple[str, str, str, str]] = {
    "term page": ("page du terme", "página del término", "Begriffsseite", "pagina del termine"),
    "Contents by module": ("Sommaire par module", "Índice por módulo", "Inhalt nach Modul", "Indice per modulo"),
    "other": ("autre", "otro", "sonstige", "altro"),
    "Filter the terms on this page": (
        "Filtrer les termes de cette page",
        "Filtrar los términos de esta página",
        "Begriffe auf dieser Seite filtern",
        "Filtra i termini di questa pagina",
    ),
    "%(shown)s of %(total)s terms shown": (
        "%(shown)s termes affichés sur %(total)s",
        "%(shown)s de %(total)s términos mostrados",
        "%(shown)s von %(total)s Begriffen angezeigt",
        "%(shown)s termini mostrati su %(total)s",
    ),
}
