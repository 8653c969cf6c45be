"""Pure figure builders: DataFrames in, plotly Figures (or pydeck Decks) out. No Streamlit, no I/O."""
