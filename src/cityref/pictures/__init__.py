"""Pictures drawn on the server as SVG, each with a title, a description and its data as a table (the text
alternative and the CSV download): the operating model, and for each city a maturity radar, a benefit map, an
interoperability matrix and a risk heat map.

Each picture has a ``read_*`` function that gathers its data through a :data:`~cityref.cities.Reader` and a
``draw_*`` function that turns that data into SVG text, so that a report can draw the same data without a route.
Every label is escaped; nothing reads from colour alone.
"""

from cityref.pictures.benefits import BenefitMap, benefit_picture, draw_benefit_map, read_benefit_map
from cityref.pictures.common import Picture, Table
from cityref.pictures.dashboard import CITY_PICTURES, city_picture, city_pictures
from cityref.pictures.interoperability import (
    InteroperabilityMatrix,
    draw_interoperability_matrix,
    interoperability_picture,
    read_interoperability,
)
from cityref.pictures.maturity import MaturityRadar, draw_maturity_radar, maturity_picture, read_maturity
from cityref.pictures.model import draw_operating_model, model_table, operating_model_picture
from cityref.pictures.model_data import ModelLinkage, ModelNode, OperatingModel, read_operating_model
from cityref.pictures.risks import RiskHeatMap, draw_risk_heat_map, read_risk_heat_map, risk_picture
from cityref.pictures.svg import standalone

__all__ = [
    "CITY_PICTURES",
    "BenefitMap",
    "InteroperabilityMatrix",
    "MaturityRadar",
    "ModelLinkage",
    "ModelNode",
    "OperatingModel",
    "Picture",
    "RiskHeatMap",
    "Table",
    "benefit_picture",
    "city_picture",
    "city_pictures",
    "draw_benefit_map",
    "draw_interoperability_matrix",
    "draw_maturity_radar",
    "draw_operating_model",
    "draw_risk_heat_map",
    "interoperability_picture",
    "maturity_picture",
    "model_table",
    "operating_model_picture",
    "read_benefit_map",
    "read_interoperability",
    "read_maturity",
    "read_operating_model",
    "read_risk_heat_map",
    "risk_picture",
    "standalone",
]
