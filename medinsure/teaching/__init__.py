"""What the pages teach and ask, computed by the library; no widgets."""
