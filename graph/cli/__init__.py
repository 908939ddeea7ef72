"""The command line ``python -m graph``: the sub-command table (:mod:`graph.cli.main`) and its helpers.

Nothing is imported here: workflow modules use :mod:`graph.cli.args`, and importing the command table from this
package's ``__init__`` would import those workflow modules back while they are half loaded.
"""
