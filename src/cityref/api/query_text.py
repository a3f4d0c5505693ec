"""The canned queries' titles and parameter descriptions, marked for the catalogue so that the query pages show
them in the reader's language. The ``.rq`` files hold them in English; a test checks that every shipped title and
parameter description is listed here (a new query's text then shows in English until it is added)."""

from __future__ import annotations


def N_(message: str) -> str:
    return message


TITLES = (
    N_("Benefit chain from enablers to objectives, with progress against target"),
    N_("Data-sharing agreements by party"),
    N_("Who governs what: governance bodies, their seats and the practices they lead"),
    N_("Interoperability needs by EIF layer and status"),
    N_("Maturity profile of a city"),
    N_("Terms missing a translation"),
    N_("The operating model outline"),
    N_("ISO 37101 purpose x issue coverage of the city's objectives"),
    N_("Devices collecting personal data without a retention period"),
    N_("Which practices the city's work advances"),
    N_("What a practice depends on, and why"),
    N_("Delivery principles that mitigate most key risks"),
    N_("The city's risk register, scored"),
    N_("Roadmap timeline"),
    N_("Devices handling sensitive data without encryption"),
    N_("Datasets behind a service"),
    N_("Services without a digital channel"),
    N_("Silo systems: no interoperability need recorded"),
    N_("Key risks the city leaves without mitigation"),
)
PARAMETERS = (
    N_("follow one enabler only"),
    N_("leave out risks whose latest score is below this (1 to 25)"),
    N_("one organisation only, e.g. https://exampleton.example/id/council"),
    N_("one service only"),
    N_("only phases under way on this day (YYYY-MM-DD)"),
    N_("only the bodies that lead this practice, e.g. cityref:B4"),
    N_("restrict to one EIF layer, e.g. cityref:eif-layer-semantic"),
    N_("restrict to one need status, e.g. cityref:need-status-blocked"),
    N_("the language of the labels"),
    N_("the language of the labels and reasons"),
    N_("the language to check, e.g. fr"),
    N_("the lowest classification rank to report"),
    N_("the named graph holding the city's data"),
    N_("the practice whose dependencies are listed, e.g. cityref:B5"),
)
