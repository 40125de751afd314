"""Load: content files to the model, collecting every problem. Imports only the kernel."""
