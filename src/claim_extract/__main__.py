"""`python -m claim_extract` is the command line."""
from .cli import app

app(prog_name="claim-extract")
