"""Reading and checking the data: YAML with positions, conversion, checks, problems, the typed model, the graph.

The pipeline is ``yamlread`` → ``convert`` → ``checks``/``sourcerules`` → ``records`` → :class:`model.Dataset`
(``loader``), then ``build`` turns a data set into a NetworkX graph. ``clock`` says which day is today.
"""
