"""The Gyeonggi demo, in one home above every domain app (issue 13).

``vocnet.demo.registry`` seeds the registry (regions, schools, companies, students, logins);
one module per domain app builds on it (``agreements``, ``demand``, ``pathways``,
``accounts``, ``placements``, ``clearinghouse``). ``vocnet.demo.domains`` lists them, in the
order they load, as plain imports the import graph shows; ``manage.py load_demo`` is the one
entry point. No domain app imports this package (the ``harness`` contract in ``.importlinter``).
See docs/adr/0004-gyeonggi-demo.md.
"""
