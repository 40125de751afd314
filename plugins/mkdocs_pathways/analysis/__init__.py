"""Analysis: the model to findings (continuity, licences, the checked guide). Imports the kernel and load."""
