"""Every chart in words: two or three plain sentences from the same frame the chart draws.

Shown under each chart ("Describe this chart"), used as the chart's text alternative for screen readers,
and reused in the briefing deck's speaker notes. Pure functions: frames in, text out. Each says what is
shown (in the filters' words), the largest and smallest values or the trend, and what is missing;
numbers are formatted as on the chart ($1.2M). Ties, a single row, an empty frame and missing values
are said as such, never as 'nan' or '$0'.
"""

