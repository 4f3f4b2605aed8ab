"""Official documents in the GB/T 9704 layout: the PDF engine, fonts, charts, and the period reports."""
