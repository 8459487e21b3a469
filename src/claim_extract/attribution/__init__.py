"""Attribution: from a parsed sentence to (cue, speaker mention, content) and their labels.

Small pure functions over spaCy Tokens and Spans, used by components/claims.py.
"""
