"""Work done apart from the person who asked: the agenda scheduler, bulk sending through one pacer, the
final send-out, notices to authors, and the documents. Jobs use the store and the domain, never ``handlers``.
"""
