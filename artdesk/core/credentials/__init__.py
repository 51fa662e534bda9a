"""Content Credentials (C2PA): sign exported pictures and sounds, and read the credentials of opened files.

Import the submodules only where they are used: ``identity``, ``sign`` and ``read`` load ``cryptography``
and the c2pa native library (about 0.2 s), so they run on the worker, never at app start.
``manifest`` (what a manifest says) and ``jobs`` (requests and job bodies) are plain Python.
"""
