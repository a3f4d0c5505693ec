"""Pictures drawn on the server as SVG, each with a title, a description and its data as a table (the text
alternative and the CSV download): the operating model, and for each city a maturity radar, a benefit map, an
interoperability matrix and a risk heat map.

Each picture has a ``read_*`` function that gathers its data through a :data:`~cityref.cities.Reader` and a
``draw_*`` function that turns that data into SVG text, so that a report can draw the same data without a route.
Every label is escaped; nothing reads from colour alone.
"""

from cityref.pictures.common import Picture, Table
from cityref.pictures.model import draw_operating_model, model_table, operating_model_picture
from cityref.pictures.model_data import ModelLinkage, ModelNode, OperatingModel, read_operating_model

__all__ = [
    "ModelLinkage",
    "ModelNode",
    "OperatingModel",
    "Picture",
    "Table",
    "draw_operating_model",
    "model_table",
    "operating_model_picture",
    "read_operating_model",
]
