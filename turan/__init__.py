"""Turan Dashboard: sourced data and pure logic behind the Streamlit app.

Data flows one way: CSV -> schema-validated bundle -> Filters -> query -> figure -> page.
Nothing in this package imports Streamlit except ``turan.ui``.
"""

DATA_VERSION = "0.6.0"
