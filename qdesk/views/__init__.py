"""Qt-free figures as a page or a document shows them: each shown figure is computed here once (DESIGN §1)."""
