"""The reference model as files: reading the ontology modules (``model``), the quality rules and counts
(``qa``), the OWL 2 DL structure check and HermiT (``reasoning``), the OWL API's OWL 2 DL profile checker
(``profile``), ``cityref check`` (``checks``) and the HTML documentation (``doc``)."""
