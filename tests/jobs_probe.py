"""A job module for the runner's tests: it remembers the thread that imported it."""
import threading

IMPORTED_ON = threading.get_ident()


def where_job(request, ctx):
    """Returns (the thread that imported this module, the thread that runs the job)."""
    return IMPORTED_ON, threading.get_ident()
