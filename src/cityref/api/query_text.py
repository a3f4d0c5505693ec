"""The canned queries' titles, descriptions and parameter descriptions, marked for the catalogue so that the query
pages show them in the reader's language. The ``.rq`` files hold them in English; a test checks that every shipped
title, description and parameter description is listed here (a new query's text shows in English until it is)."""

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
    N_("Interoperability needs still open around an established practice"),
    N_("Key risks left open because what mitigates them is not adopted"),
    N_("Maturity dimensions below the stage the established practices imply"),
    N_("Practices marked established ahead of the practices they depend on"),
    N_("Delivery principles the city shows no evidence of"),
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
    N_("the language of the layer and status labels"),
    N_("the language to check, e.g. fr"),
    N_("the lowest classification rank to report"),
    N_("the named graph holding the city's data"),
    N_("the practice whose dependencies are listed, e.g. cityref:B5"),
    N_("the practice adoption assessment to read"),
    N_("the language of the reasons"),
)
DESCRIPTIONS = (
    N_(
        "For each enabler, every benefit-map step it leads to (business change, outcome, benefit) up to the "
        "strategic objectives, with the indicators that measure each step: baseline, target, latest measurement "
        "and progress, the share of the way from baseline to target covered so far (1.0 means the target is "
        "met). The unit is the indicator's QUDT unit IRI, or for 0.1.0 data the free text of the deprecated "
        "cityref:unit."
    ),
    N_(
        "For each organisation, the data-sharing agreements it is party to, whether it provides or receives the "
        "data, the other parties, the datasets covered, the purpose, the period and whether sovereignty is "
        "shared."
    ),
    N_(
        "Every governance body and cross-boundary team the city recorded, one row per seat (an org:Membership) "
        "or post (an org:Post): who holds it, the organisation it comes from (the home organisation of a post "
        "or seat, else the member itself when it is an organisation), its governance role, and for the body the "
        "practices of the operating model it leads, how many pieces of work it oversees and the body it reports "
        "to."
    ),
    N_(
        "Every interoperability need the city recorded between two parties (systems or organisations), with the "
        "European Interoperability Framework layer it sits at, its status, and the standard used or missing."
    ),
    N_(
        "The stage the city reached on each of the four dimensions of the smart city maturity model, per "
        "assessment (newest first), with the description of that cell of the model, of the next stage to aim "
        "for, and what the model says about problem-solving at the stage reached. A rating of a deprecated "
        "dimension (the fifth dimension of release 0.1.0) is left out; validation warns about it."
    ),
    N_(
        "Terms of the reference model (classes, properties, concepts, schemes) that have an English label but "
        "none in the requested language, so translators know what is left."
    ),
    N_(
        "Every subcomponent (practice) of the operating model with the process group and component it sits in, "
        "ordered by notation: the model's table of contents."
    ),
    N_(
        "For every pair of an ISO 37101 purpose of sustainable development and an issue, how many of the city's "
        "strategic objectives serve that purpose and address that issue. Pairs with zero show where the "
        "strategy is silent."
    ),
    N_(
        "IoT devices that the city's register marks as collecting personal data but that state no retention "
        "period, with their operator, data classification and the categories of data they collect."
    ),
    N_(
        "Every subcomponent (practice) of the operating model with the city's initiatives, systems and services "
        "that say they advance it. Practices with no entry show where the roadmap does nothing yet."
    ),
    N_(
        "The subcomponents (practices) of the operating model that one practice relies on, with the reason "
        "recorded for each linkage, and the process group each of them belongs to. Read from the reference "
        "model."
    ),
    N_(
        "Each delivery principle with the number of key risks the reference model says it mitigates, most "
        "first, and those risks named: where to invest first to lower the most risks."
    ),
    N_(
        "Each risk the city recorded with the key risk it is an instance of, its latest assessment (likelihood "
        "and impact from 1 to 5, and their product as the score) and its mitigations."
    ),
    N_(
        "The initiatives and programmes on the city's roadmaps with their phases and dates, in order of start, "
        "and the practices each one advances."
    ),
    N_(
        "IoT devices whose data classification is at or above a rank (public 1, sensitive 2, private 3, "
        "confidential 4) but that do not state that their data is encrypted in transit and at rest."
    ),
    N_(
        "The datasets each of the city's services uses, directly or through the systems that support it, with "
        "publisher, licence, data classification and whether they hold personal data."
    ),
    N_(
        "The city's services that cannot be used through any digital channel, with the channel types they do "
        "offer (empty when no channel at all is recorded) and the user groups they serve."
    ),
    N_(
        "The city's systems that take part in no recorded interoperability need, neither as the party that "
        "provides information nor as the one that receives it. Each one is a candidate for the B5 "
        "interoperability map."
    ),
    N_(
        "Each key risk of the operating model for which the city's data holds no risk with a mitigation. The "
        "column 'recorded' says whether the city has at least noted a risk of that kind; 'suggestedPractices' "
        "lists the practices the reference model names as mitigating it."
    ),
    N_(
        "For the chosen practice adoption assessment, each interoperability need that is not achieved and "
        "involves a system an established practice relies on: a system the practice's record cites as evidence, "
        "or one the city says advances the practice. The reason is the need status's definition in the chosen "
        "language (English when it has none in that language). Serious (high) when the need is blocked, medium "
        "when identified or planned, low when in progress. The next step is B5, mapping the city's "
        "interoperability needs."
    ),
    N_(
        "For the chosen practice adoption assessment, each practice or delivery principle that the model names as"
        " mitigating a key risk and that the assessment marks not started or planned, or does not record. The "
        "reason is the key risk's mitigation reason in the chosen language (English when it has none in that "
        "language). Serious (high) when nothing that mitigates the risk is established and the city's own risk "
        "register names a risk of that kind, medium when nothing is established, low otherwise."
    ),
    N_(
        "For the chosen practice adoption assessment, each practice marked established whose implied cell of the "
        "maturity model (cityref:impliesMaturityCell, cityref's own reading) is at a higher stage than the city's"
        " latest maturity assessment gives that dimension. The reason is the cell's definition in the chosen "
        "language (English when it has none in that language): what that stage looks like in that dimension. "
        "Serious (high) two or more stages short, medium one stage short. The next step is a practice not yet "
        "established that implies a cell of the same dimension at most one stage above the city's, or else the "
        "cell itself."
    ),
    N_(
        "For the chosen practice adoption assessment, each practice marked established that has a linkage to a "
        "practice the same assessment does not mark established (or does not record at all). The reason is the "
        "linkage's own, in the chosen language (English when it has none in that language); the next step is the "
        "prerequisite. Serious (high) when the prerequisite is not started, planned or unrecorded, medium when "
        "partial."
    ),
    N_(
        "For the chosen practice adoption assessment, each delivery principle whose record cites no evidence from"
        " the city's own data, or that the assessment does not record at all. The reason is the principle's "
        "definition in the chosen language (English when it has none in that language): what following it means. "
        "Serious (high) when marked established without evidence, medium when partial or unrecorded, low when not"
        " started or planned."
    ),
)
